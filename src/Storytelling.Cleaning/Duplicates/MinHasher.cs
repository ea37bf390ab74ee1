using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Storytelling.Cleaning.Duplicates;

/// <summary>
/// The MinHash maths of near-duplicate detection: a signature of <see cref="NearDuplicateOptions.Permutations"/>
/// 32-bit minimums (held in 64-bit slots) over the text's word shingles, each permutation a murmur3 finalizer of the
/// shingle hash xor a fixed seed, computed for all permutations at once with SIMD lanes, one LSH key per band of the signature, and the estimated Jaccard
/// similarity of two signatures. Signatures and band keys depend only on the text and the options (fixed seeds, no
/// per-process hashing), so they can be stored and compared across processes, machines and runs. Thread-safe.
/// </summary>
public sealed class MinHasher
{
    private const ulong SeedState = 20261123;
    private readonly ulong[] _seeds;
    private readonly uint[] _laneSeeds;
    private readonly int _rows;

    public MinHasher(NearDuplicateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Permutations <= 0 || options.Bands <= 0 || options.Permutations % options.Bands != 0)
        {
            throw new ArgumentException(
                $"minhash_permutations ({options.Permutations}) must be a positive multiple of lsh_bands ({options.Bands}).",
                nameof(options));
        }

        Options = options;
        _rows = options.Permutations / options.Bands;
        _seeds = new ulong[options.Permutations];
        var state = SeedState;
        for (var p = 0; p < _seeds.Length; p++)
        {
            state += 0x9E3779B97F4A7C15UL;
            _seeds[p] = Mix(state) | 1UL;
        }

        // Padded to whole SIMD vectors; the padding lanes are computed and ignored.
        var width = Vector<uint>.Count;
        _laneSeeds = new uint[(_seeds.Length + width - 1) / width * width];
        for (var p = 0; p < _seeds.Length; p++)
        {
            _laneSeeds[p] = (uint)_seeds[p];
        }
    }

    public NearDuplicateOptions Options { get; }

    /// <summary>Number of LSH bands, the length of <see cref="BandKeys"/>.</summary>
    public int Bands => Options.Bands;

    /// <summary>The content hash used for exact duplicates: <c>sha256:</c> + hex of the lower-cased words joined by single spaces.</summary>
    public static string ContentHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = string.Join(' ', Words(text));
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    /// <summary>The MinHash signature of the text's lower-cased word shingles (<see cref="NearDuplicateOptions.ShingleWords"/> words each).</summary>
    public ulong[] Signature(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var width = Vector<uint>.Count;
        var minimums = new uint[_laneSeeds.Length];
        Array.Fill(minimums, uint.MaxValue);
        var words = Words(text);
        var size = Math.Min(Options.ShingleWords, Math.Max(1, words.Count));
        for (var start = 0; start + size <= words.Count; start++)
        {
            var shingle = 14695981039346656037UL;
            for (var w = start; w < start + size; w++)
            {
                foreach (var c in words[w])
                {
                    shingle = (shingle ^ c) * 1099511628211UL;
                }

                shingle = (shingle ^ ' ') * 1099511628211UL;
            }

            var folded = new Vector<uint>((uint)(shingle ^ (shingle >> 32)));
            for (var p = 0; p < minimums.Length; p += width)
            {
                var value = Finalize(folded ^ new Vector<uint>(_laneSeeds, p));
                Vector.Min(new Vector<uint>(minimums, p), value).CopyTo(minimums, p);
            }
        }

        var signature = new ulong[_seeds.Length];
        for (var p = 0; p < signature.Length; p++)
        {
            signature[p] = minimums[p];
        }

        return signature;
    }

    /// <summary>The murmur3 32-bit finalizer on every lane.</summary>
    private static Vector<uint> Finalize(Vector<uint> x)
    {
        x ^= Vector.ShiftRightLogical(x, 16);
        x *= 0x85ebca6bU;
        x ^= Vector.ShiftRightLogical(x, 13);
        x *= 0xc2b2ae35U;
        x ^= Vector.ShiftRightLogical(x, 16);
        return x;
    }

    /// <summary>
    /// One LSH key per band (index = band): two signatures that agree on every row of a band share that band's key,
    /// so documents sharing any key are the candidates for a near-duplicate check.
    /// </summary>
    public long[] BandKeys(ulong[] signature)
    {
        CheckLength(signature, nameof(signature));
        var keys = new long[Options.Bands];
        for (var band = 0; band < keys.Length; band++)
        {
            var key = 1469598103934665603UL;
            for (var r = band * _rows; r < (band + 1) * _rows; r++)
            {
                key = Mix(key ^ signature[r]);
            }

            keys[band] = unchecked((long)key);
        }

        return keys;
    }

    /// <summary>The estimated Jaccard similarity of the shingle sets behind two signatures: the share of equal minimums.</summary>
    public double Estimate(ulong[] a, ulong[] b)
    {
        CheckLength(a, nameof(a));
        CheckLength(b, nameof(b));
        var equal = 0;
        for (var i = 0; i < a.Length; i++)
        {
            equal += a[i] == b[i] ? 1 : 0;
        }

        return (double)equal / a.Length;
    }

    private void CheckLength(ulong[] signature, string name)
    {
        ArgumentNullException.ThrowIfNull(signature, name);
        if (signature.Length != _seeds.Length)
        {
            throw new ArgumentException(
                $"A signature has {signature.Length} values but this MinHasher makes {_seeds.Length} (minhash_permutations); " +
                "signatures made with other settings cannot be compared.",
                name);
        }
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>(text.Length / 5);
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (builder.Length > 0)
            {
                words.Add(builder.ToString());
                builder.Clear();
            }
        }

        if (builder.Length > 0)
        {
            words.Add(builder.ToString());
        }

        return words;
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }
}
