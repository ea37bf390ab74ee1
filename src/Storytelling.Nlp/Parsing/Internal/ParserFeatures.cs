using System.Runtime.CompilerServices;
using Storytelling.Nlp.Features;

namespace Storytelling.Nlp.Parsing.Internal;

/// <summary>
/// Feature templates in the style of Zhang and Nivre (2011), adapted to arc-hybrid (the stack top has no head
/// yet, so the second and third stack items stand in for its head and grandparent): words (lower-cased, or suffix
/// and shape when rare), PTB tags and universal tags of the stack top 0-2 and buffer 0-2; the leftmost and
/// rightmost dependents (and second ones) of s0, s1 and b0 with their labels; word/tag pairs and tag triples;
/// the s0-b0 and s1-s0 distances; left/right valency; the label sets of s0's and b0's dependents; and the
/// three-letter suffixes of s0, s1, b0 and b1, which stay informative when a predicted tag is wrong.
/// </summary>
internal static class ParserFeatures
{
    public const int MaxCount = 113;

    private const ulong Prime = 1099511628211UL;
    private static readonly ulong NoWord = FeatureHasher.Hash(7);
    private static readonly ulong NoLabel = FeatureHasher.Hash(8);

    public static int Extract(ParserSentence sentence, Span<ulong> features)
    {
        var state = sentence.State;
        var words = sentence.Words;
        var tags = sentence.Tags;
        var upos = sentence.Upos;
        var labels = state.Labels;

        var s0 = state.Stack(0);
        var s1 = state.Stack(1);
        var s2 = state.Stack(2);
        var b0 = state.Buffer(0);
        var b1 = state.Buffer(1);
        var b2 = state.Buffer(2);

        var s0l1 = Child(state.Leftmost, s0);
        var s0l2 = Child(state.SecondLeftmost, s0);
        var s0r1 = Child(state.Rightmost, s0);
        var s0r2 = Child(state.SecondRightmost, s0);
        var s1l1 = Child(state.Leftmost, s1);
        var s1r1 = Child(state.Rightmost, s1);
        var b0l1 = Child(state.Leftmost, b0);
        var b0l2 = Child(state.SecondLeftmost, b0);

        ulong W(int i) => i < 0 ? NoWord : words[i];
        ulong P(int i) => i < 0 ? NoWord : tags[i];
        ulong U(int i) => i < 0 ? NoWord : upos[i];
        ulong L(int i) => i < 0 ? NoLabel : (ulong)(labels[i] + 1);

        ulong s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1), s2p = P(s2);
        ulong b0w = W(b0), b0p = P(b0), b1w = W(b1), b1p = P(b1), b2w = W(b2), b2p = P(b2);

        var n = 0;
        features[n++] = F(0, 0);

        // Single words.
        features[n++] = F(1, s0w);
        features[n++] = F(2, s0p);
        features[n++] = F(3, s0w, s0p);
        features[n++] = F(4, U(s0));
        features[n++] = F(5, s1w);
        features[n++] = F(6, s1p);
        features[n++] = F(7, s1w, s1p);
        features[n++] = F(8, s2p);
        features[n++] = F(9, W(s2), s2p);
        features[n++] = F(10, b0w);
        features[n++] = F(11, b0p);
        features[n++] = F(12, b0w, b0p);
        features[n++] = F(13, U(b0));
        features[n++] = F(14, b1w);
        features[n++] = F(15, b1p);
        features[n++] = F(16, b1w, b1p);
        features[n++] = F(17, b2w);
        features[n++] = F(18, b2p);
        features[n++] = F(19, b2w, b2p);

        // Pairs.
        features[n++] = F(20, s0w, s0p, b0w, b0p);
        features[n++] = F(21, s0w, s0p, b0w);
        features[n++] = F(22, s0w, b0w, b0p);
        features[n++] = F(23, s0w, s0p, b0p);
        features[n++] = F(24, s0p, b0w, b0p);
        features[n++] = F(25, s0w, b0w);
        features[n++] = F(26, s0p, b0p);
        features[n++] = F(27, b0p, b1p);
        features[n++] = F(28, s1p, s0p);
        features[n++] = F(29, s1w, s0w);
        features[n++] = F(30, s1w, s0p);
        features[n++] = F(31, s1p, s0w);
        features[n++] = F(32, b0w, b1w);
        features[n++] = F(33, U(s0), U(b0));
        features[n++] = F(34, U(s1), U(s0));

        // Triples.
        features[n++] = F(35, b0p, b1p, b2p);
        features[n++] = F(36, s0p, b0p, b1p);
        features[n++] = F(37, s1p, s0p, b0p);
        features[n++] = F(38, s2p, s1p, s0p);
        features[n++] = F(39, s0p, P(s0l1), b0p);
        features[n++] = F(40, s0p, P(s0r1), b0p);
        features[n++] = F(41, s0p, b0p, P(b0l1));
        features[n++] = F(42, s1p, P(s1r1), s0p);
        features[n++] = F(43, s1p, P(s1l1), s0p);
        features[n++] = F(44, s1p, s0p, P(s0l1));
        features[n++] = F(45, s1w, s0p, b0p);
        features[n++] = F(46, s1p, s0w, b0p);
        features[n++] = F(47, s1p, s0p, b0w);

        // Distance.
        var d = Distance(s0, b0);
        var d1 = Distance(s1, s0);
        features[n++] = F(48, s0w, d);
        features[n++] = F(49, s0p, d);
        features[n++] = F(50, b0w, d);
        features[n++] = F(51, b0p, d);
        features[n++] = F(52, s0w, b0w, d);
        features[n++] = F(53, s0p, b0p, d);
        features[n++] = F(54, s1p, s0p, d1);
        features[n++] = F(55, s1w, s0w, d1);

        // Valency.
        ulong s0vl = Count(state.LeftCount, s0), s0vr = Count(state.RightCount, s0), b0vl = Count(state.LeftCount, b0);
        features[n++] = F(56, s0w, s0vr);
        features[n++] = F(57, s0p, s0vr);
        features[n++] = F(58, s0w, s0vl);
        features[n++] = F(59, s0p, s0vl);
        features[n++] = F(60, b0w, b0vl);
        features[n++] = F(61, b0p, b0vl);
        features[n++] = F(62, s1p, Count(state.RightCount, s1));
        features[n++] = F(63, s1p, Count(state.LeftCount, s1));

        // Dependents.
        features[n++] = F(64, W(s0l1));
        features[n++] = F(65, P(s0l1));
        features[n++] = F(66, L(s0l1));
        features[n++] = F(67, W(s0r1));
        features[n++] = F(68, P(s0r1));
        features[n++] = F(69, L(s0r1));
        features[n++] = F(70, W(b0l1));
        features[n++] = F(71, P(b0l1));
        features[n++] = F(72, L(b0l1));
        features[n++] = F(73, W(s1r1), P(s1r1));
        features[n++] = F(74, L(s1r1));
        features[n++] = F(75, L(s1l1));
        features[n++] = F(76, s0p, L(s0l1), L(s0r1));
        features[n++] = F(77, b0p, L(b0l1));
        features[n++] = F(78, s1p, L(s1r1), s0p);

        // Second dependents.
        features[n++] = F(79, W(s0l2));
        features[n++] = F(80, P(s0l2));
        features[n++] = F(81, L(s0l2));
        features[n++] = F(82, W(s0r2));
        features[n++] = F(83, P(s0r2));
        features[n++] = F(84, L(s0r2));
        features[n++] = F(85, W(b0l2));
        features[n++] = F(86, P(b0l2));
        features[n++] = F(87, L(b0l2));
        features[n++] = F(88, s0p, P(s0l1), P(s0l2));
        features[n++] = F(89, s0p, P(s0r1), P(s0r2));
        features[n++] = F(90, b0p, P(b0l1), P(b0l2));

        // Label sets.
        ulong s0sl = LabelSet(state.LeftLabelSet, s0), s0sr = LabelSet(state.RightLabelSet, s0), b0sl = LabelSet(state.LeftLabelSet, b0);
        features[n++] = F(91, s0w, s0sr);
        features[n++] = F(92, s0p, s0sr);
        features[n++] = F(93, s0w, s0sl);
        features[n++] = F(94, s0p, s0sl);
        features[n++] = F(95, b0p, b0sl);

        // Lexicalised head-dependent pairs and more context.
        features[n++] = F(96, s0w, W(s0r1));
        features[n++] = F(97, s0w, W(s0l1));
        features[n++] = F(98, b0w, W(b0l1));
        features[n++] = F(99, s1w, W(s1r1));
        features[n++] = F(100, s0w, b0p, b1p);
        features[n++] = F(101, s0p, b0w, b1p);
        features[n++] = F(102, b0w, b1p);
        features[n++] = F(103, b0p, b1w);
        features[n++] = F(104, U(s1), U(s0), U(b0));
        features[n++] = F(105, U(s0), U(b0), U(b1));
        features[n++] = F(106, s2p, s1p, s0p, b0p);
        features[n++] = F(107, s1p, s0p, b0p, b1p);

        // Suffixes of every word: evidence that survives tagging errors.
        var suffixes = sentence.Suffixes;
        ulong X(int i) => i < 0 ? NoWord : suffixes[i];
        features[n++] = F(108, X(s0));
        features[n++] = F(109, X(b0));
        features[n++] = F(110, X(b1));
        features[n++] = F(111, X(s0), X(b0));
        features[n++] = F(112, X(s1), X(s0));
        return n;
    }

    private static int Child(int[] children, int word) => word < 0 ? -1 : children[word];

    private static ulong Count(int[] counts, int word) => word < 0 ? 99UL : (ulong)Math.Min(counts[word], 6);

    private static ulong LabelSet(ulong[] sets, int word) => word < 0 ? ulong.MaxValue : sets[word];

    private static ulong Distance(int left, int right)
    {
        if (left < 0 || right < 0)
        {
            return 99;
        }

        var d = right - left;
        return d <= 4 ? (ulong)d : d <= 7 ? 5UL : d <= 12 ? 6UL : 7UL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong value) => (hash ^ value) * Prime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong F(int template, ulong a) => FeatureHasher.Finish(Mix(FeatureHasher.Begin(100 + template), a));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong F(int template, ulong a, ulong b) =>
        FeatureHasher.Finish(Mix(Mix(FeatureHasher.Begin(100 + template), a), b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong F(int template, ulong a, ulong b, ulong c) =>
        FeatureHasher.Finish(Mix(Mix(Mix(FeatureHasher.Begin(100 + template), a), b), c));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong F(int template, ulong a, ulong b, ulong c, ulong d) =>
        FeatureHasher.Finish(Mix(Mix(Mix(Mix(FeatureHasher.Begin(100 + template), a), b), c), d));
}
