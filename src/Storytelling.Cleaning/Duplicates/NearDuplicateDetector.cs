using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Storytelling.Cleaning.Duplicates;

/// <summary>
/// Finds exact duplicates (SHA-256 of the lower-cased text with whitespace and punctuation runs collapsed) and
/// near-duplicates (MinHash signatures of word shingles; LSH bands give candidates, whose estimated Jaccard
/// similarity must reach the threshold). Documents are added one at a time and compared with all earlier ones;
/// a duplicate joins the group of the document it matches (the group id is the group's first document).
/// Thread-safe; memory grows with the number of documents (a signature of <c>Permutations</c> 64-bit values each).
/// </summary>
public sealed class NearDuplicateDetector
{
    private readonly NearDuplicateOptions _options;
    private readonly int _rows;
    private readonly ulong[] _seeds;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Band, ulong Key), List<int>> _buckets = [];
    private readonly List<(string Id, string Group, ulong[] Signature)> _documents = [];

    public NearDuplicateDetector(NearDuplicateOptions? options = null)
    {
        _options = options ?? new NearDuplicateOptions();
        if (_options.Permutations % _options.Bands != 0)
        {
            throw new ArgumentException($"minhash_permutations ({_options.Permutations}) must be a multiple of lsh_bands ({_options.Bands}).", nameof(options));
        }

        _rows = _options.Permutations / _options.Bands;
        var random = new Random(20261123);
        _seeds = [.. Enumerable.Range(0, _options.Permutations).Select(_ => (ulong)random.NextInt64() | 1UL)];
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _documents.Count;
            }
        }
    }

    /// <summary>The content hash used for exact duplicates: <c>sha256:</c> + hex of the normalized text.</summary>
    public static string ContentHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = string.Join(' ', Words(text));
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    /// <summary>Adds a document; returns how it repeats an earlier document, or null when it is new.</summary>
    public DuplicateMatch? Add(string documentId, string text)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var hash = ContentHash(text);
        var signature = Signature(text);
        lock (_lock)
        {
            if (_byHash.TryGetValue(hash, out var exact))
            {
                var group = _documents.First(d => d.Id == exact).Group;
                _documents.Add((documentId, group, signature));
                return new DuplicateMatch(group, exact, DuplicateKind.Exact, 1.0);
            }

            _byHash[hash] = documentId;
            var best = FindNear(signature);
            var groupId = best is { } match ? _documents[match.Index].Group : documentId;
            var index = _documents.Count;
            _documents.Add((documentId, groupId, signature));
            for (var band = 0; band < _options.Bands; band++)
            {
                var key = BandKey(signature, band);
                if (!_buckets.TryGetValue((band, key), out var members))
                {
                    _buckets[(band, key)] = members = [];
                }

                members.Add(index);
            }

            return best is { } found ? new DuplicateMatch(groupId, _documents[found.Index].Id, DuplicateKind.Near, found.Similarity) : null;
        }
    }

    /// <summary>The estimated Jaccard similarity of two texts' shingle sets (for tests and tuning).</summary>
    public double Similarity(string a, string b) => Estimate(Signature(a), Signature(b));

    private (int Index, double Similarity)? FindNear(ulong[] signature)
    {
        (int Index, double Similarity)? best = null;
        var seen = new HashSet<int>();
        for (var band = 0; band < _options.Bands; band++)
        {
            if (!_buckets.TryGetValue((band, BandKey(signature, band)), out var members))
            {
                continue;
            }

            foreach (var candidate in members)
            {
                if (!seen.Add(candidate))
                {
                    continue;
                }

                var similarity = Estimate(signature, _documents[candidate].Signature);
                if (similarity >= _options.Threshold && (best is null || similarity > best.Value.Similarity))
                {
                    best = (candidate, similarity);
                }
            }
        }

        return best;
    }

    private ulong[] Signature(string text)
    {
        var signature = new ulong[_options.Permutations];
        Array.Fill(signature, ulong.MaxValue);
        var words = Words(text);
        var size = Math.Min(_options.ShingleWords, Math.Max(1, words.Count));
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

            for (var p = 0; p < signature.Length; p++)
            {
                var value = Mix(shingle ^ _seeds[p]);
                if (value < signature[p])
                {
                    signature[p] = value;
                }
            }
        }

        return signature;
    }

    private ulong BandKey(ulong[] signature, int band)
    {
        var key = 1469598103934665603UL;
        for (var r = band * _rows; r < (band + 1) * _rows; r++)
        {
            key = Mix(key ^ signature[r]);
        }

        return key;
    }

    private static double Estimate(ulong[] a, ulong[] b)
    {
        var equal = 0;
        for (var i = 0; i < a.Length; i++)
        {
            equal += a[i] == b[i] ? 1 : 0;
        }

        return (double)equal / a.Length;
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
