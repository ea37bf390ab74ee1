using Storytelling.Nlp.Corpora;

namespace Storytelling.Nlp.Parsing.Internal;

/// <summary>A treebank sentence as the parser trains and scores on it: arrays indexed 1..n (index 0 is the root).</summary>
internal sealed class TreebankSentence
{
    private TreebankSentence(string[] forms, string[] xpos, string[] upos, int[] heads, string[] relations)
    {
        Forms = forms;
        Xpos = xpos;
        Upos = upos;
        Heads = heads;
        Relations = relations;
    }

    public int WordCount => Forms.Length - 1;

    public string[] Forms { get; }

    public string[] Xpos { get; }

    public string[] Upos { get; }

    public int[] Heads { get; }

    public string[] Relations { get; }

    public static TreebankSentence From(ConlluSentence sentence)
    {
        var n = sentence.Words.Count;
        var forms = new string[n + 1];
        var xpos = new string[n + 1];
        var upos = new string[n + 1];
        var heads = new int[n + 1];
        var relations = new string[n + 1];
        forms[0] = xpos[0] = upos[0] = relations[0] = string.Empty;
        heads[0] = -1;
        for (var i = 0; i < n; i++)
        {
            var word = sentence.Words[i];
            forms[i + 1] = word.Form;
            xpos[i + 1] = word.Xpos;
            upos[i + 1] = word.Upos;
            heads[i + 1] = word.Head;
            relations[i + 1] = word.Relation;
            if (word.Head < 0 || word.Head > n)
            {
                throw new InvalidDataException($"{sentence.Source}:{sentence.Line}: word {i + 1} has head {word.Head} outside the sentence.");
            }
        }

        return new TreebankSentence(forms, xpos, upos, heads, relations);
    }

    /// <summary>A copy with other tags (e.g. a tagger's predictions).</summary>
    public TreebankSentence WithTags(string[] xpos, string[] upos) => new(Forms, xpos, upos, Heads, Relations);

    /// <summary>Sets the words of a parser scratch sentence.</summary>
    public void Fill(ParserSentence sentence, IReadOnlySet<ulong> vocabulary)
    {
        sentence.Begin(WordCount);
        for (var i = 1; i <= WordCount; i++)
        {
            sentence.SetWord(i, Forms[i], Xpos[i], Upos[i], vocabulary);
        }
    }

    /// <summary>The universal part of a relation (<c>nmod:poss</c> → <c>nmod</c>), as CoNLL 2018 LAS compares them.</summary>
    public static string UniversalPart(string relation)
    {
        var colon = relation.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? relation : relation[..colon];
    }
}
