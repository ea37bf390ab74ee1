using System.Runtime.CompilerServices;
using Storytelling.Nlp.Features;

namespace Storytelling.Nlp.Tagging.Internal;

/// <summary>
/// Feature templates of the tagger (after Honnibal 2013, plus word shape, prefixes, and a lexicon):
/// hashed straight from the token spans, no strings. Per-token values are prepared once per sentence
/// (<see cref="Prepare"/>); previous tags are the classes predicted so far (greedy, left to right).
/// </summary>
internal static class TaggerFeatures
{
    public const int MaxFeatures = 48;

    private const int Bias = 0, Lower = 1, Suffix = 2, Prefix = 6, Shape = 10, PrevTag = 11, Prev2Tag = 12, TagBigram = 13,
        PrevTagWord = 14, PrevWord = 15, Prev2Word = 16, NextWord = 17, Next2Word = 18, PrevSuffix = 19, NextSuffix = 20,
        Lexicon = 21, PrevLexicon = 22, NextLexicon = 23, Next2Lexicon = 24, FirstCased = 25, Exact = 26, NextShape = 27,
        LexiconPrevTag = 28, WordNext = 29, PrevShape = 30, Start = -1, End = -2;

    private static readonly ulong StartWord = FeatureHasher.Hash(1000, Start);
    private static readonly ulong EndWord = FeatureHasher.Hash(1000, End);

    /// <summary>Fills <paramref name="infos"/> (sentence-relative) for the tokens [first, end) of the document.</summary>
    public static void Prepare(Document document, int first, int end, TagLexicon lexicon, Span<TokenInfo> infos)
    {
        for (int i = first; i < end; i++)
        {
            var word = document.TokenText(i);
            ref var info = ref infos[i - first];
            info.Lower = FeatureHasher.HashLower(Lower, word);
            info.Shape = ShapeHash(Shape, word);
            info.Suffix3 = FeatureHasher.HashLower(PrevSuffix, word.Length > 3 ? word[^3..] : word);
            info.Lexicon = lexicon.Find(word);
        }
    }

    /// <summary>
    /// Writes the features of sentence token <paramref name="i"/> (relative to <paramref name="first"/>);
    /// <paramref name="classes"/> holds the classes predicted for earlier tokens of the sentence (relative too).
    /// </summary>
    public static int Extract(Document document, int first, ReadOnlySpan<TokenInfo> infos, int i, ReadOnlySpan<int> classes, Span<ulong> features)
    {
        var word = document.TokenText(first + i);
        int count = infos.Length;
        ref readonly var info = ref infos[i];
        int n = 0;
        features[n++] = FeatureHasher.Hash(Bias);
        features[n++] = info.Lower;
        features[n++] = FeatureHasher.Hash(Exact, word);
        int length = word.Length;
        for (int k = 1; k <= 4 && k <= length; k++)
        {
            features[n++] = FeatureHasher.HashLower(Suffix + k - 1, word[^k..]);
            features[n++] = FeatureHasher.Hash(Prefix + k - 1, word[..k]);
        }

        features[n++] = info.Shape;
        int prev = i > 0 ? classes[i - 1] : Start;
        int prev2 = i > 1 ? classes[i - 2] : Start;
        features[n++] = FeatureHasher.Hash(PrevTag, prev);
        features[n++] = FeatureHasher.Hash(Prev2Tag, prev2);
        features[n++] = FeatureHasher.Hash(TagBigram, prev, prev2);
        features[n++] = FeatureHasher.Hash(PrevTagWord, info.Lower, (ulong)(uint)prev);
        ulong prevWord = i > 0 ? infos[i - 1].Lower : StartWord;
        ulong prev2Word = i > 1 ? infos[i - 2].Lower : StartWord;
        ulong nextWord = i + 1 < count ? infos[i + 1].Lower : EndWord;
        ulong next2Word = i + 2 < count ? infos[i + 2].Lower : EndWord;
        features[n++] = FeatureHasher.Hash(PrevWord, prevWord);
        features[n++] = FeatureHasher.Hash(Prev2Word, prev2Word);
        features[n++] = FeatureHasher.Hash(NextWord, nextWord);
        features[n++] = FeatureHasher.Hash(Next2Word, next2Word);
        features[n++] = FeatureHasher.Hash(WordNext, info.Lower, nextWord);
        features[n++] = FeatureHasher.Hash(PrevSuffix, i > 0 ? infos[i - 1].Suffix3 : StartWord);
        features[n++] = FeatureHasher.Hash(NextSuffix, i + 1 < count ? infos[i + 1].Suffix3 : EndWord);
        features[n++] = FeatureHasher.Hash(NextShape, i + 1 < count ? infos[i + 1].Shape : EndWord);
        features[n++] = FeatureHasher.Hash(PrevShape, i > 0 ? infos[i - 1].Shape : StartWord);
        features[n++] = FeatureHasher.Hash(Lexicon, info.Lexicon);
        features[n++] = FeatureHasher.Hash(LexiconPrevTag, info.Lexicon, prev);
        features[n++] = FeatureHasher.Hash(PrevLexicon, i > 0 ? infos[i - 1].Lexicon : Start);
        features[n++] = FeatureHasher.Hash(NextLexicon, i + 1 < count ? infos[i + 1].Lexicon : End);
        features[n++] = FeatureHasher.Hash(Next2Lexicon, i + 2 < count ? infos[i + 2].Lexicon : End);
        features[n++] = FeatureHasher.Hash(FirstCased, i == 0 ? 1 : 0, char.IsUpper(word[0]) ? 1 : 0);
        return n;
    }

    /// <summary>Word shape: X for upper, x for lower, d for digit, other characters kept; runs capped at 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShapeHash(int template, ReadOnlySpan<char> word)
    {
        ulong hash = FeatureHasher.Begin(template);
        char last = '\0';
        int run = 0;
        int limit = Math.Min(word.Length, 32);
        for (int k = 0; k < limit; k++)
        {
            char c = word[k];
            char shape = c < 128
                ? (char.IsAsciiLetterUpper(c) ? 'X' : char.IsAsciiLetterLower(c) ? 'x' : char.IsAsciiDigit(c) ? 'd' : c)
                : (char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : char.IsLetter(c) ? 'l' : c);
            run = shape == last ? run + 1 : 1;
            last = shape;
            if (run <= 4)
            {
                hash = FeatureHasher.Add(hash, shape);
            }
        }

        return FeatureHasher.Finish(hash);
    }
}
