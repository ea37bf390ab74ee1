using Storytelling.Nlp.Entities;
using Storytelling.Nlp.Lemmatization;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Parsing;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tagging;
using Storytelling.Nlp.Time;
using Storytelling.Nlp.Tokenization;

namespace Storytelling.Cli.Nlp;

/// <summary>
/// The committed models the <c>nlp</c> commands run with, loaded eagerly so a missing or corrupt file fails before any
/// work starts (<see cref="ModelLoadException"/> naming the file). The tagger and lemmatizer are required; the entity
/// recognizer and the parser are used when their model files exist (a file that exists but does not load is still an error).
/// </summary>
public sealed class NlpModels
{
    private NlpModels(ModelStore store, PosTagger tagger, Lemmatizer lemmatizer, EntityRecognizer? entities, DependencyParser? parser)
    {
        Store = store;
        Tagger = tagger;
        Lemmatizer = lemmatizer;
        Entities = entities;
        Parser = parser;
    }

    public ModelStore Store { get; }

    public PosTagger Tagger { get; }

    public Lemmatizer Lemmatizer { get; }

    /// <summary>Null when <c>models/ner/model.bin</c> does not exist.</summary>
    public EntityRecognizer? Entities { get; }

    /// <summary>Null when <c>models/parser/model.bin</c> does not exist.</summary>
    public DependencyParser? Parser { get; }

    /// <summary>Loads the models from <paramref name="modelsDirectory"/>, or from <see cref="ModelStore"/>'s discovery when null.</summary>
    public static NlpModels Load(string? modelsDirectory)
    {
        if (modelsDirectory is not null && !Directory.Exists(modelsDirectory))
        {
            throw new CommandInputException($"--models: directory '{modelsDirectory}' does not exist");
        }

        var store = new ModelStore(modelsDirectory);
        var tagger = store.Tagger;
        var lemmatizer = store.Lemmatizer;
        var entities = File.Exists(store.PathOf(EntityRecognizer.ModelName)) ? store.Get(EntityRecognizer.ModelName, EntityRecognizer.Load) : null;
        var parser = File.Exists(store.PathOf(DependencyParser.ComponentName)) ? new DependencyParser(store) : null;
        return new NlpModels(store, tagger, lemmatizer, entities, parser);
    }

    /// <summary>Tokenizer, sentence splitter, tagger, lemmatizer and, when loaded, the entity recognizer and the parser.</summary>
    public NlpPipeline CreatePipeline()
    {
        var components = new List<INlpComponent> { new Tokenizer(), new SentenceSplitter(), Tagger, Lemmatizer };
        if (Entities is not null)
        {
            components.Add(Entities);
        }

        if (Parser is not null)
        {
            components.Add(Parser);
        }

        components.Add(new TimeExpressionRecognizer());
        return new NlpPipeline(components);
    }

    /// <summary>The model files in use, for reports.</summary>
    public IEnumerable<string> Files()
    {
        yield return Store.PathOf(PosTagger.ComponentName);
        yield return Store.PathOf(Lemmatizer.ComponentName);
        if (Entities is not null)
        {
            yield return Store.PathOf(EntityRecognizer.ModelName);
        }

        if (Parser is not null)
        {
            yield return Store.PathOf(DependencyParser.ComponentName);
        }
    }
}
