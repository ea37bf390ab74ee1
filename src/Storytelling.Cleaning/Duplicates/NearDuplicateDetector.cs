namespace Storytelling.Cleaning.Duplicates;

/// <summary>
/// Finds exact duplicates (<see cref="MinHasher.ContentHash"/>) and near-duplicates (<see cref="MinHasher"/>
/// signatures; LSH bands give candidates, whose estimated Jaccard similarity must reach the threshold) in memory.
/// Documents are added one at a time and compared with all earlier ones; a duplicate joins the group of the document
/// it matches (the group id is the group's first document).
/// Thread-safe; memory grows with the number of documents (a signature of <c>Permutations</c> 64-bit values each).
/// </summary>
public sealed class NearDuplicateDetector
{
    private readonly MinHasher _hasher;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Band, long Key), List<int>> _buckets = [];
    private readonly List<(string Id, string Group, ulong[] Signature)> _documents = [];

    public NearDuplicateDetector(NearDuplicateOptions? options = null)
    {
        _hasher = new MinHasher(options ?? new NearDuplicateOptions());
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

    /// <summary>The content hash used for exact duplicates (<see cref="MinHasher.ContentHash"/>).</summary>
    public static string ContentHash(string text) => MinHasher.ContentHash(text);

    /// <summary>Adds a document; returns how it repeats an earlier document, or null when it is new.</summary>
    public DuplicateMatch? Add(string documentId, string text)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var hash = ContentHash(text);
        var signature = _hasher.Signature(text);
        var keys = _hasher.BandKeys(signature);
        lock (_lock)
        {
            if (_byHash.TryGetValue(hash, out var exact))
            {
                var group = _documents.First(d => d.Id == exact).Group;
                _documents.Add((documentId, group, signature));
                return new DuplicateMatch(group, exact, DuplicateKind.Exact, 1.0);
            }

            _byHash[hash] = documentId;
            var best = FindNear(signature, keys);
            var groupId = best is { } match ? _documents[match.Index].Group : documentId;
            var index = _documents.Count;
            _documents.Add((documentId, groupId, signature));
            for (var band = 0; band < keys.Length; band++)
            {
                if (!_buckets.TryGetValue((band, keys[band]), out var members))
                {
                    _buckets[(band, keys[band])] = members = [];
                }

                members.Add(index);
            }

            return best is { } found ? new DuplicateMatch(groupId, _documents[found.Index].Id, DuplicateKind.Near, found.Similarity) : null;
        }
    }

    /// <summary>The estimated Jaccard similarity of two texts' shingle sets (for tests and tuning).</summary>
    public double Similarity(string a, string b) => _hasher.Estimate(_hasher.Signature(a), _hasher.Signature(b));

    private (int Index, double Similarity)? FindNear(ulong[] signature, long[] keys)
    {
        (int Index, double Similarity)? best = null;
        var seen = new HashSet<int>();
        for (var band = 0; band < keys.Length; band++)
        {
            if (!_buckets.TryGetValue((band, keys[band]), out var members))
            {
                continue;
            }

            foreach (var candidate in members)
            {
                if (!seen.Add(candidate))
                {
                    continue;
                }

                var similarity = _hasher.Estimate(signature, _documents[candidate].Signature);
                if (similarity >= _hasher.Options.Threshold && (best is null || similarity > best.Value.Similarity))
                {
                    best = (candidate, similarity);
                }
            }
        }

        return best;
    }
}
