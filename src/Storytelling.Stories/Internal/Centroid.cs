namespace Storytelling.Stories.Internal;

/// <summary>
/// The sum of a storyline's documents' sublinear term frequencies (1 + ln tf), weighted by the current IDF when
/// compared, so early documents are judged with the document frequencies of the whole stream so far. Pruned to the
/// heaviest terms when it grows past a bound, which keeps a comparison's cost bounded.
/// </summary>
internal sealed class Centroid(int maxTerms)
{
    /// <summary>An empty centroid that stays empty (a frozen storyline's).</summary>
    public static readonly Centroid Empty = new(0);

    private readonly Dictionary<string, double> weights = new(StringComparer.Ordinal);

    public int Count => weights.Count;

    public void Add(Dictionary<string, int> counts, TermStatistics statistics)
    {
        foreach (var (key, count) in counts)
        {
            ref double weight = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(weights, key, out _);
            weight += 1 + Math.Log(count);
        }

        if (weights.Count > maxTerms * 3 / 2)
        {
            var keep = weights
                .Select(p => (p.Key, Score: p.Value * statistics.Idf(p.Key)))
                .OrderByDescending(p => p.Score)
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(maxTerms)
                .Select(p => p.Key)
                .ToHashSet(StringComparer.Ordinal);
            foreach (var key in weights.Keys.Where(k => !keep.Contains(k)).ToList())
            {
                weights.Remove(key);
            }
        }
    }

    /// <summary>Cosine of the (normalised) <paramref name="vector"/> with this centroid under the current IDF.</summary>
    public double Cosine(SparseVector vector, TermStatistics statistics)
    {
        if (vector.Count == 0 || weights.Count == 0)
        {
            return 0;
        }

        double dot = 0;
        for (int i = 0; i < vector.Count; i++)
        {
            if (weights.TryGetValue(vector.Keys[i], out double raw))
            {
                dot += vector.Weights[i] * raw * statistics.Idf(vector.Keys[i]);
            }
        }

        if (dot == 0)
        {
            return 0;
        }

        double norm = 0;
        foreach (var (key, raw) in weights)
        {
            double weight = raw * statistics.Idf(key);
            norm += weight * weight;
        }

        return dot / Math.Sqrt(norm);
    }
}
