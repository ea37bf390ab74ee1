using System.Collections.Concurrent;

namespace Storytelling.Nlp.Training;

/// <summary>
/// Component name → trainer, for <c>storytelling nlp train &lt;component&gt;</c>. Built in: <c>tagger</c>,
/// <c>lemmatizer</c>; other components (parser, ner) register theirs with <see cref="Register"/>.
/// </summary>
public static class ComponentTrainers
{
    private static readonly ConcurrentDictionary<string, IComponentTrainer> Trainers = new(StringComparer.Ordinal)
    {
        [Tagging.PosTagger.ComponentName] = new PosTaggerComponentTrainer(),
        [Lemmatization.Lemmatizer.ComponentName] = new LemmatizerComponentTrainer(),
        [Entities.EntityRecognizer.ModelName] = new Entities.EntityRecognizerComponentTrainer(),
        [Parsing.DependencyParser.ComponentName] = new Parsing.DependencyParserTrainer(),
        [Language.LanguageIdentifier.ComponentName] = new Language.LanguageIdentifierComponentTrainer(),
    };

    public static IReadOnlyCollection<string> Names => [.. Trainers.Keys.Order(StringComparer.Ordinal)];

    public static void Register(IComponentTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        Trainers[trainer.Component] = trainer;
    }

    public static bool TryGet(string component, out IComponentTrainer? trainer) => Trainers.TryGetValue(component, out trainer);

    public static IComponentTrainer Get(string component) =>
        Trainers.TryGetValue(component, out var trainer)
            ? trainer
            : throw new ArgumentException($"No trainer for component '{component}'; known: {string.Join(", ", Names)}.", nameof(component));
}
