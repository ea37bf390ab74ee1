using Storytelling.Cleaning.Duplicates;

namespace Storytelling.Stage1.Storage.Internal;

/// <summary>
/// Decides, for one write batch, which new documents repeat an earlier one: the earlier documents are those stored
/// (loaded as the earliest document per content hash and the documents sharing a band key) plus the batch's own
/// documents resolved before. Exact (same content hash) wins over near (estimated Jaccard at or above the threshold,
/// best similarity, then the earliest stored). A duplicate joins the matched document's group, or starts the group
/// named after the matched document when that one is an original.
/// </summary>
internal sealed class DuplicateResolver(MinHasher hasher)
{
    private readonly Dictionary<string, Earlier> _byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Band, long Key), List<Earlier>> _buckets = [];
    private long _batchOrder = long.MaxValue / 2;

    /// <summary>The earliest stored document with this content hash.</summary>
    public void AddStoredHash(string contentHash, string documentId, string? group, long seq) =>
        _byHash.TryAdd(contentHash, new Earlier(documentId, group, null, seq));

    /// <summary>A stored document that shares the given (band, key) pairs with documents of the batch.</summary>
    public void AddStoredCandidate(string documentId, string? group, long seq, ulong[] signature, short[] bands, long[] keys)
    {
        var earlier = new Earlier(documentId, group, signature, seq);
        for (var i = 0; i < bands.Length; i++)
        {
            Bucket(bands[i], keys[i]).Add(earlier);
        }
    }

    /// <summary>The match of a new document (null when it is an original); it becomes an earlier document for the rest of the batch.</summary>
    public DuplicateMatch? Resolve(string documentId, string contentHash, ulong[] signature, long[] bandKeys)
    {
        if (_byHash.TryGetValue(contentHash, out var exact))
        {
            return new DuplicateMatch(exact.Group ?? exact.DocumentId, exact.DocumentId, DuplicateKind.Exact, 1.0);
        }

        Earlier? best = null;
        var bestSimilarity = 0.0;
        var seen = new HashSet<Earlier>(ReferenceEqualityComparer.Instance);
        for (var band = 0; band < bandKeys.Length; band++)
        {
            if (!_buckets.TryGetValue((band, bandKeys[band]), out var members))
            {
                continue;
            }

            foreach (var candidate in members)
            {
                if (!seen.Add(candidate))
                {
                    continue;
                }

                var similarity = hasher.Estimate(signature, candidate.Signature!);
                if (similarity >= hasher.Options.Threshold
                    && (best is null || similarity > bestSimilarity || (similarity == bestSimilarity && candidate.Order < best.Order)))
                {
                    best = candidate;
                    bestSimilarity = similarity;
                }
            }
        }

        var match = best is null ? null : new DuplicateMatch(best.Group ?? best.DocumentId, best.DocumentId, DuplicateKind.Near, bestSimilarity);
        var added = new Earlier(documentId, match?.GroupId, signature, _batchOrder++);
        _byHash.Add(contentHash, added);
        for (var band = 0; band < bandKeys.Length; band++)
        {
            Bucket(band, bandKeys[band]).Add(added);
        }

        return match;
    }

    private List<Earlier> Bucket(int band, long key)
    {
        if (!_buckets.TryGetValue((band, key), out var members))
        {
            _buckets[(band, key)] = members = [];
        }

        return members;
    }

    private sealed record Earlier(string DocumentId, string? Group, ulong[]? Signature, long Order);
}
