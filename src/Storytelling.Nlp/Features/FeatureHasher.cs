using System.Runtime.CompilerServices;

namespace Storytelling.Nlp.Features;

/// <summary>
/// Stable 64-bit feature hashes built straight from character spans (no strings): FNV-1a over UTF-16 code units,
/// seeded by a template id, finished with a SplitMix64 mix. Values are persisted in model files, so they must never
/// depend on the process (unlike <see cref="string.GetHashCode()"/>). Zero is never returned.
/// </summary>
public static class FeatureHasher
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Starts a hash for a feature template.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Begin(int template) => (OffsetBasis ^ (uint)template) * Prime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return (hash ^ 0xFFFF) * Prime;
    }

    /// <summary>Adds the text lower-cased (invariant), without allocating.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddLower(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            char lower = c < 128 ? (c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c) : char.ToLowerInvariant(c);
            hash = (hash ^ lower) * Prime;
        }

        return (hash ^ 0xFFFF) * Prime;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong hash, int value)
    {
        hash = (hash ^ (uint)value) * Prime;
        return (hash ^ ((uint)value >> 16)) * Prime;
    }

    /// <summary>Finishes a hash (SplitMix64 finaliser); never zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Finish(ulong hash)
    {
        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return hash == 0 ? 1 : hash;
    }

    public static ulong Hash(int template) => Finish(Begin(template));

    public static ulong Hash(int template, ReadOnlySpan<char> text) => Finish(Add(Begin(template), text));

    public static ulong HashLower(int template, ReadOnlySpan<char> text) => Finish(AddLower(Begin(template), text));

    public static ulong Hash(int template, ReadOnlySpan<char> first, ReadOnlySpan<char> second) =>
        Finish(Add(Add(Begin(template), first), second));

    public static ulong Hash(int template, int value) => Finish(Add(Begin(template), value));

    public static ulong Hash(int template, int first, int second) => Finish(Add(Add(Begin(template), first), second));

    /// <summary>Combines a template with a precomputed 64-bit value (e.g. a word's hash).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(int template, ulong value) => Finish((Begin(template) ^ value) * Prime);

    /// <summary>Combines a template with two precomputed 64-bit values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(int template, ulong first, ulong second) =>
        Finish((((Begin(template) ^ first) * Prime) ^ (second >> 7) ^ (second << 57)) * Prime);

    public static ulong Hash(int template, int value, ReadOnlySpan<char> text) => Finish(Add(Add(Begin(template), value), text));

    /// <summary>Word shape: X upper, x lower, d digit, other characters kept; runs capped at <paramref name="maxRun"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HashShape(int template, ReadOnlySpan<char> word, int maxRun)
    {
        ulong hash = Begin(template);
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
            if (run <= maxRun)
            {
                hash = Add(hash, shape);
            }
        }

        return Finish(hash);
    }
}
