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
        LexiconPrevTag = 28, WordNext = 29, PrevShape = 30, Suffix5 = 31, WordNet = 32, WordNetLexicon = 33, NextWordNet = 34,
        PrevWordNet = 35, NextDictionary = 36, Next2Dictionary = 37, NextDictionaryLexicon = 38, PrevTagNextDictionary = 39, CaseContext = 40, CaseContextLexicon = 41, Start = -1, End = -2;

    /// <summary>Dictionary value of a token that is not in the tag dictionary.</summary>
    public const int NotInDictionary = -3;

    private static readonly ulong StartWord = FeatureHasher.Hash(1000, Start);
    private static readonly ulong EndWord = FeatureHasher.Hash(1000, End);

    /// <summary>Fills <paramref name="infos"/> (sentence-relative) for the tokens [first, end) of the document.</summary>
    /// <returns>The sentence's casing: 0 ordinary, 1 mostly capitalized words (a title), 2 all capitals.</returns>
    public static int Prepare(Document document, int first, int end, PosTagger tagger, Span<TokenInfo> infos)
    {
        int words = 0, capitalized = 0, upper = 0;
        for (int i = first; i < end; i++)
        {
            var word = document.TokenText(i);
            if (char.IsLetter(word[0]))
            {
                words++;
                if (char.IsUpper(word[0]))
                {
                    capitalized++;
                    if (word.Length > 1 && !word.ContainsAnyInRange('a', 'z'))
                    {
                        upper++;
                    }
                }
            }

            ref var info = ref infos[i - first];
            Describe(word, tagger, ref info);
            int entry = tagger.LookUp(word);
            info.Dictionary = entry >= 0 ? entry : NotInDictionary;
            info.CachedRow = entry >= 0 || entry == PosTagger.NotFound ? -1 : ~entry;
        }

        return words < 3 ? 0 : upper * 5 >= words * 4 ? 2 : capitalized * 5 >= words * 3 ? 1 : 0;
    }

    /// <summary>The per-word values of <paramref name="word"/> that do not depend on its sentence.</summary>
    public static void Describe(ReadOnlySpan<char> word, PosTagger tagger, ref TokenInfo info)
    {
        info.Lower = LowerKey(word);
        info.Shape = FeatureHasher.HashShape(Shape, word, 4);
        info.Suffix3 = FeatureHasher.HashLower(PrevSuffix, word.Length > 3 ? word[^3..] : word);
        info.Lexicon = tagger.Lexicon.Find(word);
        info.WordNet = tagger.WordClasses.Find(info.Lower);
    }

    /// <summary>The hash of the lower-cased word (the <c>Lower</c> feature and the key of <see cref="WordClasses"/>).</summary>
    public static ulong LowerKey(ReadOnlySpan<char> word) => FeatureHasher.HashLower(Lower, word);

    /// <summary>
    /// Writes the features of the word alone (form, affixes, shape, lexicon and WordNet classes): the same for every
    /// occurrence of the word, so the tagger can keep their summed weights per frequent word.
    /// </summary>
    public static int ExtractIntrinsic(ReadOnlySpan<char> word, in TokenInfo info, Span<ulong> features)
    {
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

        if (length >= 5)
        {
            features[n++] = FeatureHasher.HashLower(Suffix5, word[^5..]);
        }

        features[n++] = info.Shape;
        features[n++] = FeatureHasher.Hash(Lexicon, info.Lexicon);
        features[n++] = FeatureHasher.Hash(WordNet, info.WordNet);
        features[n++] = FeatureHasher.Hash(WordNetLexicon, info.WordNet, info.Lexicon);
        return n;
    }

    /// <summary>
    /// Writes the features of sentence token <paramref name="i"/> (relative to <paramref name="first"/>);
    /// <paramref name="classes"/> holds the classes predicted for earlier tokens of the sentence (relative too).
    /// With <paramref name="intrinsic"/> false the word-only features (<see cref="ExtractIntrinsic"/>) are left out.
    /// </summary>
    public static int Extract(Document document, int first, ReadOnlySpan<TokenInfo> infos, int sentenceCase, int i, ReadOnlySpan<int> classes, bool intrinsic, Span<ulong> features)
    {
        var word = document.TokenText(first + i);
        int count = infos.Length;
        ref readonly var info = ref infos[i];
        int n = intrinsic ? ExtractIntrinsic(word, info, features) : 0;
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
        features[n++] = FeatureHasher.Hash(LexiconPrevTag, info.Lexicon, prev);
        features[n++] = FeatureHasher.Hash(PrevLexicon, i > 0 ? infos[i - 1].Lexicon : Start);
        features[n++] = FeatureHasher.Hash(NextLexicon, i + 1 < count ? infos[i + 1].Lexicon : End);
        features[n++] = FeatureHasher.Hash(Next2Lexicon, i + 2 < count ? infos[i + 2].Lexicon : End);
        features[n++] = FeatureHasher.Hash(FirstCased, i == 0 ? 1 : 0, char.IsUpper(word[0]) ? 1 : 0);
        features[n++] = FeatureHasher.Hash(PrevWordNet, i > 0 ? infos[i - 1].WordNet : Start);
        features[n++] = FeatureHasher.Hash(NextWordNet, i + 1 < count ? infos[i + 1].WordNet : End);
        int nextDictionary = i + 1 < count ? infos[i + 1].Dictionary : End;
        features[n++] = FeatureHasher.Hash(NextDictionary, nextDictionary);
        features[n++] = FeatureHasher.Hash(Next2Dictionary, i + 2 < count ? infos[i + 2].Dictionary : End);
        features[n++] = FeatureHasher.Hash(NextDictionaryLexicon, nextDictionary, info.Lexicon);
        features[n++] = FeatureHasher.Hash(PrevTagNextDictionary, prev, nextDictionary);
        int casing = (sentenceCase * 4) + (char.IsUpper(word[0]) ? 2 : 0) + (i == 0 ? 1 : 0);
        features[n++] = FeatureHasher.Hash(CaseContext, casing);
        features[n++] = FeatureHasher.Hash(CaseContextLexicon, casing, info.Lexicon);
        return n;
    }
}
