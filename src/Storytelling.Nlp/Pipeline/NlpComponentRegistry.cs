using Storytelling.Nlp.Models;

namespace Storytelling.Nlp.Pipeline;

/// <summary>
/// Component name → factory. Factories receive the shared <see cref="ModelStore"/> so models load once.
/// <see cref="CreateDefault"/> knows the built-in components; other projects register theirs with <see cref="Register"/>.
/// </summary>
public sealed class NlpComponentRegistry
{
    private readonly Dictionary<string, Func<ModelStore, INlpComponent>> factories = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => factories.Keys;

    public NlpComponentRegistry Register(string name, Func<ModelStore, INlpComponent> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        factories[name] = factory;
        return this;
    }

    public bool Contains(string name) => factories.ContainsKey(name);

    public INlpComponent Create(string name, ModelStore models)
    {
        if (!factories.TryGetValue(name, out var factory))
        {
            throw new PipelineConfigurationException(
                $"nlp.pipeline names an unknown component '{name}'; known components: {string.Join(", ", factories.Keys.Order(StringComparer.Ordinal))}.");
        }

        return factory(models);
    }

    /// <summary>The built-in components: tokenizer, sentences, tagger, lemmatizer, parser, entity recognizer, time expressions, event extractor.</summary>
    public static NlpComponentRegistry CreateDefault() => new NlpComponentRegistry()
        .Register(Tokenization.Tokenizer.ComponentName, _ => new Tokenization.Tokenizer())
        .Register(Tokenization.SentenceSplitter.ComponentName, _ => new Tokenization.SentenceSplitter())
        .Register(Tagging.PosTagger.ComponentName, models => models.Tagger)
        .Register(Lemmatization.Lemmatizer.ComponentName, models => models.Lemmatizer)
        .Register(Parsing.DependencyParser.ComponentName, models => new Parsing.DependencyParser(models))
        .Register(Entities.EntityRecognizer.ComponentName, models => models.Get(Entities.EntityRecognizer.ModelName, Entities.EntityRecognizer.Load))
        .Register(Time.TimeExpressionRecognizer.ComponentName, _ => new Time.TimeExpressionRecognizer())
        .Register(Events.EventExtractor.ComponentName, _ => new Events.EventExtractor());
}
