using Storytelling.Nlp.Features;

namespace Storytelling.Nlp.Parsing.Internal;

/// <summary>
/// Per-sentence scratch for parsing: the hashed word, suffix and tag of every word (index 0 is the artificial
/// root), the transition state and the feature and score buffers. One instance per thread; reused.
/// </summary>
internal sealed class ParserSentence
{
    private const int WordTemplate = 1;
    private const int RareTemplate = 2;
    private const int TagTemplate = 3;
    private const int UposTemplate = 4;
    private const int SuffixTemplate = 9;

    public static readonly ulong RootWord = FeatureHasher.Hash(5);
    public static readonly ulong RootTag = FeatureHasher.Hash(6);

    public ParserSentence(int classCount)
    {
        Scores = new float[classCount];
        Costs = new int[classCount];
        Resize(64);
    }

    public ArcHybridState State { get; } = new();

    public int WordCount { get; private set; }

    public ulong[] Words { get; private set; } = [];

    public ulong[] Tags { get; private set; } = [];

    public ulong[] Upos { get; private set; } = [];

    /// <summary>The last three letters (lower-cased) of every word, frequent or not.</summary>
    public ulong[] Suffixes { get; private set; } = [];

    public ulong[] Features { get; } = new ulong[ParserFeatures.MaxCount];

    public float[] Scores { get; }

    public int[] Costs { get; }

    public void Begin(int wordCount)
    {
        if (wordCount + 1 > Words.Length)
        {
            Resize(Math.Max(wordCount + 1, Words.Length * 2));
        }

        WordCount = wordCount;
        Words[0] = RootWord;
        Tags[0] = RootTag;
        Upos[0] = RootTag;
        Suffixes[0] = RootWord;
    }

    /// <summary>Sets word <paramref name="index"/> (1-based). Words outside the vocabulary are represented by their last three letters.</summary>
    public void SetWord(int index, ReadOnlySpan<char> form, ReadOnlySpan<char> xpos, ReadOnlySpan<char> upos, IReadOnlySet<ulong> vocabulary)
    {
        var word = HashForm(form);
        Words[index] = vocabulary.Contains(word) ? word : HashRare(form);
        Suffixes[index] = FeatureHasher.HashLower(SuffixTemplate, form.Length > 3 ? form[^3..] : form);
        Tags[index] = FeatureHasher.Hash(TagTemplate, xpos);
        Upos[index] = FeatureHasher.Hash(UposTemplate, upos);
    }

    /// <summary>The vocabulary key of a form (lower-cased).</summary>
    public static ulong HashForm(ReadOnlySpan<char> form) => FeatureHasher.HashLower(WordTemplate, form);

    private static ulong HashRare(ReadOnlySpan<char> form)
    {
        var suffix = form.Length > 3 ? form[^3..] : form;
        var hash = FeatureHasher.AddLower(FeatureHasher.Begin(RareTemplate), suffix);
        var first = form.IsEmpty ? ' ' : form[0];
        var shape = char.IsUpper(first) ? 1 : char.IsDigit(first) ? 2 : char.IsLetter(first) ? 3 : 4;
        if (form.ContainsAnyInRange('0', '9'))
        {
            shape += 8;
        }

        if (form.Contains('-'))
        {
            shape += 16;
        }

        return FeatureHasher.Finish(FeatureHasher.Add(hash, shape));
    }

    private void Resize(int size)
    {
        Words = new ulong[size];
        Tags = new ulong[size];
        Upos = new ulong[size];
        Suffixes = new ulong[size];
    }
}
