using System.Runtime.CompilerServices;
using Storytelling.Nlp.Features;

namespace Storytelling.Nlp.Entities.Internal;

/// <summary>
/// Feature templates of the entity recognizer (after Ratinov &amp; Roth 2009): word, lower-cased word, long and short
/// shapes, prefixes and suffixes 1-4, capitalisation pattern with sentence-initial position, the words and shapes of
/// two neighbours each side, word bigrams, predicted UPOS (window of five) and XPOS (window of three), the two
/// previous predicted labels, gazetteer matches (source × type × B/I/L/U position, also crossed with
/// capitalisation, and the neighbours' matches), the run of capitalised words holding the token (its length and
/// the token's place in it, the list matches of its first and last word: "Kessler Steel Inc.", "Mr. Kessler"), and
/// the label the same word got earlier in the document. Hashed straight from spans, no strings.
/// </summary>
internal static class EntityFeatures
{
    public const int MaxFeatures = 160;

    public const int LowerTemplate = 2;

    private const int Bias = 0, Exact = 1, Shape = 3, ShortShape = 4, Prefix = 5, Suffix = 9, CaseInitial = 13,
        PrevWord = 14, Prev2Word = 15, NextWord = 16, Next2Word = 17, PrevShape = 18, NextShape = 19, Prev2Shape = 20,
        Next2Shape = 21, PrevBigram = 22, NextBigram = 23, Upos = 24, Xpos = 29, UposBigramPrev = 32, UposBigramNext = 33,
        PrevLabel = 34, Prev2Label = 35, LabelBigram = 36, PrevLabelShape = 37, PrevLabelWord = 38, Gaz = 39, GazCase = 40,
        PrevGaz = 41, NextGaz = 42, DocumentLabel = 43, DocumentLabelCase = 44, ShapeWindow = 45, Length = 46,
        NoGaz = 47, CaseWindow = 48, RunFirstGaz = 49, RunLastGaz = 50, RunShape = 51, RawTag = 100;

    private const int Start = -1, End = -2;

    /// <summary>Case codes: 0 no letter, 1 lower-case initial, 2 title case, 3 all capitals, 4 one capital letter, 5 mixed (e.g. iPhone).</summary>
    public const byte NoLetter = 0, LowerCase = 1, TitleCase = 2, AllCaps = 3, SingleCap = 4, MixedCase = 5;

    private static readonly ulong StartWord = FeatureHasher.Hash(1000, Start);
    private static readonly ulong EndWord = FeatureHasher.Hash(1000, End);

    public static bool IsCapitalized(byte caseCode) => caseCode is TitleCase or AllCaps or SingleCap or MixedCase;

    /// <summary>Fills <paramref name="tokens"/> for the tokens [first, first + tokens.Length) and matches the gazetteers.</summary>
    public static void Prepare(Document document, int first, Span<EntityToken> tokens, ReadOnlySpan<Gazetteer> gazetteers, Span<ulong> hashBuffer)
    {
        var upos = document.Upos;
        var xpos = document.Xpos;
        for (int i = 0; i < tokens.Length; i++)
        {
            var word = document.TokenText(first + i);
            ref var token = ref tokens[i];
            token = default;
            token.Lower = FeatureHasher.HashLower(LowerTemplate, word);
            token.Shape = FeatureHasher.HashShape(Shape, word, 4);
            token.ShortShape = FeatureHasher.HashShape(ShortShape, word, 1);
            token.Upos = FeatureHasher.Hash(RawTag, upos[first + i]);
            token.Xpos = FeatureHasher.Hash(RawTag, xpos[first + i]);
            token.Case = CaseOf(word);
            hashBuffer[i] = token.Lower;
        }

        foreach (var gazetteer in gazetteers)
        {
            gazetteer.Match(hashBuffer[..tokens.Length], tokens);
        }

        MarkRuns(document, first, tokens);
    }

    /// <summary>
    /// Sets each capitalised token's name run: the longest stretch of capitalised words around it, joined by at most
    /// one connector word (of, de, &amp;, -) between two capitalised words; other tokens are their own run.
    /// </summary>
    private static void MarkRuns(Document document, int first, Span<EntityToken> tokens)
    {
        int i = 0;
        while (i < tokens.Length)
        {
            if (!IsCapitalized(tokens[i].Case))
            {
                tokens[i].RunFirst = tokens[i].RunLast = (short)i;
                i++;
                continue;
            }

            int last = i;
            int j = i + 1;
            while (j < tokens.Length)
            {
                if (IsCapitalized(tokens[j].Case))
                {
                    last = j++;
                }
                else if (j + 1 < tokens.Length && IsCapitalized(tokens[j + 1].Case) && IsConnector(document.TokenText(first + j)))
                {
                    j++;
                }
                else
                {
                    break;
                }
            }

            for (int k = i; k <= last; k++)
            {
                tokens[k].RunFirst = (short)i;
                tokens[k].RunLast = (short)last;
            }

            for (int k = last + 1; k < j; k++)
            {
                tokens[k].RunFirst = tokens[k].RunLast = (short)k;
            }

            i = last + 1;
        }
    }

    private static bool IsConnector(ReadOnlySpan<char> word) =>
        word is "of" or "de" or "&" or "-" or "for" or "du" or "la" or "van" or "von" or "al";

    /// <summary>
    /// Writes the features of sentence token <paramref name="i"/>; <paramref name="labels"/> holds the labels predicted
    /// for earlier tokens of the sentence; <paramref name="documentLabel"/> is 1 + the type this word last got in the
    /// document (0: O), or -1 when it has not been seen.
    /// </summary>
    public static int Extract(Document document, int first, ReadOnlySpan<EntityToken> tokens, int i, ReadOnlySpan<int> labels, int documentLabel, Span<ulong> features)
    {
        var word = document.TokenText(first + i);
        int count = tokens.Length;
        ref readonly var token = ref tokens[i];
        int n = 0;
        features[n++] = FeatureHasher.Hash(Bias);
        features[n++] = FeatureHasher.Hash(Exact, word);
        features[n++] = token.Lower;
        features[n++] = token.Shape;
        features[n++] = token.ShortShape;
        int length = word.Length;
        for (int k = 1; k <= 4 && k < length; k++)
        {
            features[n++] = FeatureHasher.Hash(Prefix + k - 1, word[..k]);
            features[n++] = FeatureHasher.HashLower(Suffix + k - 1, word[^k..]);
        }

        features[n++] = FeatureHasher.Hash(CaseInitial, token.Case, i == 0 ? 1 : 0);
        features[n++] = FeatureHasher.Hash(Length, Math.Min(length, 12));

        ulong prevWord = i > 0 ? tokens[i - 1].Lower : StartWord;
        ulong prev2Word = i > 1 ? tokens[i - 2].Lower : StartWord;
        ulong nextWord = i + 1 < count ? tokens[i + 1].Lower : EndWord;
        ulong next2Word = i + 2 < count ? tokens[i + 2].Lower : EndWord;
        ulong prevShape = i > 0 ? tokens[i - 1].ShortShape : StartWord;
        ulong nextShape = i + 1 < count ? tokens[i + 1].ShortShape : EndWord;
        features[n++] = FeatureHasher.Hash(PrevWord, prevWord);
        features[n++] = FeatureHasher.Hash(Prev2Word, prev2Word);
        features[n++] = FeatureHasher.Hash(NextWord, nextWord);
        features[n++] = FeatureHasher.Hash(Next2Word, next2Word);
        features[n++] = FeatureHasher.Hash(PrevShape, prevShape);
        features[n++] = FeatureHasher.Hash(NextShape, nextShape);
        features[n++] = FeatureHasher.Hash(Prev2Shape, i > 1 ? tokens[i - 2].ShortShape : StartWord);
        features[n++] = FeatureHasher.Hash(Next2Shape, i + 2 < count ? tokens[i + 2].ShortShape : EndWord);
        features[n++] = FeatureHasher.Hash(PrevBigram, prevWord, token.Lower);
        features[n++] = FeatureHasher.Hash(NextBigram, token.Lower, nextWord);
        features[n++] = FeatureHasher.Hash(ShapeWindow, FeatureHasher.Hash(ShapeWindow, prevShape, token.ShortShape), nextShape);
        int prevCase = i > 0 ? tokens[i - 1].Case : Start;
        int nextCase = i + 1 < count ? tokens[i + 1].Case : End;
        features[n++] = FeatureHasher.Hash(CaseWindow, FeatureHasher.Hash(CaseWindow, prevCase, token.Case), (ulong)(uint)nextCase);

        for (int d = -2; d <= 2; d++)
        {
            int j = i + d;
            ulong tag = j < 0 ? StartWord : j >= count ? EndWord : tokens[j].Upos;
            features[n++] = FeatureHasher.Hash(Upos + d + 2, tag);
        }

        ulong prevUpos = i > 0 ? tokens[i - 1].Upos : StartWord;
        ulong nextUpos = i + 1 < count ? tokens[i + 1].Upos : EndWord;
        features[n++] = FeatureHasher.Hash(Xpos, token.Xpos);
        features[n++] = FeatureHasher.Hash(Xpos + 1, i > 0 ? tokens[i - 1].Xpos : StartWord);
        features[n++] = FeatureHasher.Hash(Xpos + 2, i + 1 < count ? tokens[i + 1].Xpos : EndWord);
        features[n++] = FeatureHasher.Hash(UposBigramPrev, prevUpos, token.Upos);
        features[n++] = FeatureHasher.Hash(UposBigramNext, token.Upos, nextUpos);

        int prev = i > 0 ? labels[i - 1] : Start;
        int prev2 = i > 1 ? labels[i - 2] : Start;
        features[n++] = FeatureHasher.Hash(PrevLabel, prev);
        features[n++] = FeatureHasher.Hash(Prev2Label, prev2);
        features[n++] = FeatureHasher.Hash(LabelBigram, prev, prev2);
        features[n++] = FeatureHasher.Hash(PrevLabelShape, token.ShortShape, (ulong)(uint)prev);
        features[n++] = FeatureHasher.Hash(PrevLabelWord, token.Lower, (ulong)(uint)prev);

        if (token.GazAny == 0)
        {
            features[n++] = FeatureHasher.Hash(NoGaz, token.Case);
        }
        else
        {
            n = AddGazetteer(token.GazB, 0, token.Case, features, n);
            n = AddGazetteer(token.GazI, 1, token.Case, features, n);
            n = AddGazetteer(token.GazL, 2, token.Case, features, n);
            n = AddGazetteer(token.GazU, 3, token.Case, features, n);
        }

        n = AddNeighbourGazetteer(PrevGaz, i > 0 ? tokens[i - 1].GazAny : (ushort)0, features, n);
        n = AddNeighbourGazetteer(NextGaz, i + 1 < count ? tokens[i + 1].GazAny : (ushort)0, features, n);

        if (token.RunLast > token.RunFirst)
        {
            int runLength = Math.Min(token.RunLast - token.RunFirst + 1, 5);
            int position = i == token.RunFirst ? 0 : i == token.RunLast ? 2 : 1;
            features[n++] = FeatureHasher.Hash(RunShape, runLength, position);
            if (i != token.RunFirst)
            {
                n = AddRunGazetteer(RunFirstGaz, tokens[token.RunFirst].GazU | tokens[token.RunFirst].GazB, features, n);
            }

            if (i != token.RunLast)
            {
                n = AddRunGazetteer(RunLastGaz, tokens[token.RunLast].GazU | tokens[token.RunLast].GazL, features, n);
            }
        }

        if (documentLabel >= 0)
        {
            features[n++] = FeatureHasher.Hash(DocumentLabel, documentLabel);
            features[n++] = FeatureHasher.Hash(DocumentLabelCase, documentLabel, i == 0 ? token.Case + 10 : token.Case);
        }

        return n;
    }

    private static int AddGazetteer(ushort mask, int position, byte caseCode, Span<ulong> features, int n)
    {
        while (mask != 0 && n + 2 <= features.Length)
        {
            int bit = System.Numerics.BitOperations.TrailingZeroCount(mask);
            mask &= (ushort)(mask - 1);
            features[n++] = FeatureHasher.Hash(Gaz, bit, position);
            features[n++] = FeatureHasher.Hash(GazCase, (bit * 4) + position, caseCode);
        }

        return n;
    }

    private static int AddRunGazetteer(int template, int mask, Span<ulong> features, int n)
    {
        if (mask == 0 && n < features.Length)
        {
            features[n++] = FeatureHasher.Hash(template, -1);
        }

        while (mask != 0 && n < features.Length)
        {
            int bit = System.Numerics.BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            features[n++] = FeatureHasher.Hash(template, bit);
        }

        return n;
    }

    private static int AddNeighbourGazetteer(int template, ushort mask, Span<ulong> features, int n)
    {
        while (mask != 0 && n < features.Length)
        {
            int bit = System.Numerics.BitOperations.TrailingZeroCount(mask);
            mask &= (ushort)(mask - 1);
            features[n++] = FeatureHasher.Hash(template, bit);
        }

        return n;
    }

    public static byte CaseOf(ReadOnlySpan<char> word)
    {
        int upper = 0, lower = 0;
        bool firstUpper = false, seenLetter = false;
        foreach (char c in word)
        {
            if (char.IsUpper(c))
            {
                upper++;
                firstUpper |= !seenLetter;
                seenLetter = true;
            }
            else if (char.IsLower(c))
            {
                lower++;
                seenLetter = true;
            }
            else if (char.IsLetter(c))
            {
                seenLetter = true;
            }
        }

        if (upper == 0 && lower == 0)
        {
            return NoLetter;
        }

        if (upper == 0)
        {
            return LowerCase;
        }

        if (lower == 0)
        {
            return upper == 1 ? SingleCap : AllCaps;
        }

        return firstUpper ? TitleCase : MixedCase;
    }
}
