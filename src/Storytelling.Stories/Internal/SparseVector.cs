namespace Storytelling.Stories.Internal;

/// <summary>An L2-normalised TF-IDF vector: keys with weights, heaviest first.</summary>
internal sealed class SparseVector
{
    public static readonly SparseVector Empty = new([], []);

    private SparseVector(string[] keys, double[] weights)
    {
        Keys = keys;
        Weights = weights;
    }

    public string[] Keys { get; }

    public double[] Weights { get; }

    public int Count => Keys.Length;

    /// <summary>Weights (1 + ln tf) × idf, normalised, sorted by weight (then key, for determinism).</summary>
    public static SparseVector FromCounts(Dictionary<string, int> counts, TermStatistics statistics)
    {
        if (counts.Count == 0)
        {
            return Empty;
        }

        var keys = new string[counts.Count];
        var weights = new double[counts.Count];
        int i = 0;
        double norm = 0;
        foreach (var (key, count) in counts)
        {
            double weight = (1 + Math.Log(count)) * statistics.Idf(key);
            keys[i] = key;
            weights[i] = weight;
            norm += weight * weight;
            i++;
        }

        norm = Math.Sqrt(norm);
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] /= norm;
        }

        Array.Sort(keys, weights, StringComparer.Ordinal);
        Array.Sort(weights, keys, Comparer<double>.Create((a, b) => b.CompareTo(a)));
        return new SparseVector(keys, weights);
    }
}
