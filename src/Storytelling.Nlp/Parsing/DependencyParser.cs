using Storytelling.Nlp.Models;
using Storytelling.Nlp.Parsing.Internal;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Parsing;

/// <summary>
/// Labeled dependency parser (UD basic relations): a greedy arc-hybrid transition parser scored by an averaged
/// perceptron, trained with a dynamic oracle by <see cref="DependencyParserTrainer"/>. Every sentence gets a
/// single-rooted tree covering all its tokens. Reads tokens and predicted PTB/universal tags; writes
/// <see cref="Document.Heads"/> (1-based within the sentence, 0 for the root) and <see cref="Document.Relations"/>.
/// The model loads once and is shared read-only; scratch buffers are per thread, so one instance serves parallel callers.
/// </summary>
public sealed class DependencyParser : INlpComponent
{
    public const string ComponentName = "parser";

    [ThreadStatic]
    private static ParserSentence? scratch;

    private readonly ParserModel model;

    /// <summary>Uses the <c>parser</c> model of <paramref name="models"/> (loaded once per store).</summary>
    public DependencyParser(ModelStore models)
    {
        ArgumentNullException.ThrowIfNull(models);
        model = models.Get(ComponentName, ParserModel.Load);
    }

    internal DependencyParser(ParserModel model) => this.model = model;

    public string Name => ComponentName;

    public Annotations Requires => Annotations.Tokens | Annotations.Sentences | Annotations.Tags;

    public Annotations Produces => Annotations.Dependencies;

    /// <summary>The relation labels the model can assign.</summary>
    public IReadOnlyList<string> Relations => model.Labels;

    /// <summary>Loads a parser from a model file; a missing or corrupt file is a <see cref="ModelLoadException"/> naming it.</summary>
    public static DependencyParser Load(string path) => new(ParserModel.Load(path));

    public void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sentence = Scratch(model);
        var heads = document.Heads;
        var relations = document.Relations;
        var xpos = document.Xpos;
        var upos = document.Upos;
        foreach (var range in document.Sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = range.End - range.Start;
            sentence.Begin(n);
            for (var i = 0; i < n; i++)
            {
                var t = range.Start + i;
                sentence.SetWord(i + 1, document.TokenText(t), xpos[t], upos[t], model.Vocabulary);
            }

            model.Parse(sentence);
            var state = sentence.State;
            for (var i = 0; i < n; i++)
            {
                heads[range.Start + i] = state.Heads[i + 1];
                relations[range.Start + i] = model.Labels[state.Labels[i + 1]];
            }
        }

        document.MarkProduced(Annotations.Dependencies);
    }

    internal static ParserSentence Scratch(ParserModel model)
    {
        var sentence = scratch;
        if (sentence is null || sentence.Scores.Length != model.Transitions.Count)
        {
            sentence = new ParserSentence(model.Transitions.Count);
            scratch = sentence;
        }

        return sentence;
    }
}
