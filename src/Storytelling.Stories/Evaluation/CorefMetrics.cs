namespace Storytelling.Stories.Evaluation;

/// <summary>
/// Coreference scores of a response partition against a key partition of mentions (clusters of mention ids; a
/// mention in no cluster of a side counts as a singleton of that side where the metric needs it):
/// MUC (Vilain et al. 1995), B³ (Bagga and Baldwin 1998), entity-based CEAF with φ4 (Luo 2005), and the CoNLL F1,
/// their mean.
/// </summary>
public static class CorefMetrics
{
    /// <summary>
    /// MUC: recall = Σ over key clusters K of (|K| − number of parts the response cuts K into) / Σ (|K| − 1), a key
    /// mention missing from the response being a part of its own; precision is the same with the roles swapped.
    /// </summary>
    public static Score Muc(IReadOnlyList<IReadOnlyCollection<string>> key, IReadOnlyList<IReadOnlyCollection<string>> response)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(response);
        var (recallNumerator, recallDenominator) = MucCounts(key, response);
        var (precisionNumerator, precisionDenominator) = MucCounts(response, key);
        return Score.FromCounts(precisionNumerator, precisionDenominator, recallNumerator, recallDenominator);
    }

    private static (double Numerator, double Denominator) MucCounts(
        IReadOnlyList<IReadOnlyCollection<string>> from, IReadOnlyList<IReadOnlyCollection<string>> other)
    {
        var clusterOf = ClusterIndex(other);
        double numerator = 0, denominator = 0;
        foreach (var cluster in from)
        {
            if (cluster.Count == 0)
            {
                continue;
            }

            var parts = new HashSet<int>();
            int unmatched = 0;
            foreach (var mention in cluster)
            {
                if (clusterOf.TryGetValue(mention, out int index))
                {
                    parts.Add(index);
                }
                else
                {
                    unmatched++;
                }
            }

            numerator += cluster.Count - (parts.Count + unmatched);
            denominator += cluster.Count - 1;
        }

        return (numerator, denominator);
    }

    /// <summary>
    /// B³: recall = mean over key mentions of |K ∩ R| / |K| (R the response cluster holding the mention, empty when it
    /// has none); precision = mean over response mentions of |K ∩ R| / |R|.
    /// </summary>
    public static Score BCubed(IReadOnlyList<IReadOnlyCollection<string>> key, IReadOnlyList<IReadOnlyCollection<string>> response)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(response);
        var (recallSum, keyMentions) = BCubedSums(key, response);
        var (precisionSum, responseMentions) = BCubedSums(response, key);
        return Score.FromCounts(precisionSum, responseMentions, recallSum, keyMentions);
    }

    private static (double Sum, double Mentions) BCubedSums(
        IReadOnlyList<IReadOnlyCollection<string>> from, IReadOnlyList<IReadOnlyCollection<string>> other)
    {
        var clusterOf = ClusterIndex(other);
        double sum = 0, mentions = 0;
        foreach (var cluster in from)
        {
            var overlaps = new Dictionary<int, int>();
            foreach (var mention in cluster)
            {
                if (clusterOf.TryGetValue(mention, out int index))
                {
                    overlaps[index] = overlaps.GetValueOrDefault(index) + 1;
                }
            }

            foreach (var shared in overlaps.Values)
            {
                sum += (double)shared * shared / cluster.Count;
            }

            mentions += cluster.Count;
        }

        return (sum, mentions);
    }

    /// <summary>
    /// CEAF-e: the one-to-one alignment of key and response clusters maximising Σ φ4(K, R) = 2|K ∩ R| / (|K| + |R|)
    /// (Kuhn-Munkres on each connected group of overlapping clusters); recall = Σ φ4 / number of key clusters,
    /// precision = Σ φ4 / number of response clusters.
    /// </summary>
    public static Score CeafE(IReadOnlyList<IReadOnlyCollection<string>> key, IReadOnlyList<IReadOnlyCollection<string>> response)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(response);
        var keys = key.Where(c => c.Count > 0).ToList();
        var responses = response.Where(c => c.Count > 0).ToList();
        var responseOf = ClusterIndex(responses);

        // Group clusters into connected components of the "shares a mention" graph; align each component alone.
        var keyComponent = new int[keys.Count];
        var responseComponent = new int[responses.Count];
        Array.Fill(keyComponent, -1);
        Array.Fill(responseComponent, -1);
        var keysOfResponse = new List<int>[responses.Count];
        var overlap = new Dictionary<(int Key, int Response), int>();
        for (int k = 0; k < keys.Count; k++)
        {
            foreach (var mention in keys[k])
            {
                if (responseOf.TryGetValue(mention, out int r))
                {
                    overlap[(k, r)] = overlap.GetValueOrDefault((k, r)) + 1;
                    (keysOfResponse[r] ??= []).Add(k);
                }
            }
        }

        var responsesOfKey = overlap.Keys.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Select(p => p.Response).Distinct().ToList());
        double total = 0;
        int component = 0;
        for (int start = 0; start < keys.Count; start++)
        {
            if (keyComponent[start] >= 0 || !responsesOfKey.ContainsKey(start))
            {
                continue;
            }

            var memberKeys = new List<int>();
            var memberResponses = new List<int>();
            var queue = new Queue<(bool IsKey, int Index)>();
            queue.Enqueue((true, start));
            keyComponent[start] = component;
            while (queue.Count > 0)
            {
                var (isKey, index) = queue.Dequeue();
                if (isKey)
                {
                    memberKeys.Add(index);
                    foreach (var r in responsesOfKey[index])
                    {
                        if (responseComponent[r] < 0)
                        {
                            responseComponent[r] = component;
                            queue.Enqueue((false, r));
                        }
                    }
                }
                else
                {
                    memberResponses.Add(index);
                    foreach (var k in keysOfResponse[index].Distinct())
                    {
                        if (keyComponent[k] < 0)
                        {
                            keyComponent[k] = component;
                            queue.Enqueue((true, k));
                        }
                    }
                }
            }

            var similarity = new double[memberKeys.Count, memberResponses.Count];
            for (int i = 0; i < memberKeys.Count; i++)
            {
                for (int j = 0; j < memberResponses.Count; j++)
                {
                    int shared = overlap.GetValueOrDefault((memberKeys[i], memberResponses[j]));
                    similarity[i, j] = 2.0 * shared / (keys[memberKeys[i]].Count + responses[memberResponses[j]].Count);
                }
            }

            total += Assignment.MaximumWeight(similarity);
            component++;
        }

        return Score.FromCounts(total, responses.Count, total, keys.Count);
    }

    /// <summary>The CoNLL F1: the mean of the MUC, B³ and CEAF-e F1 scores.</summary>
    public static double ConllF1(IReadOnlyList<IReadOnlyCollection<string>> key, IReadOnlyList<IReadOnlyCollection<string>> response) =>
        (Muc(key, response).F1 + BCubed(key, response).F1 + CeafE(key, response).F1) / 3;

    private static Dictionary<string, int> ClusterIndex(IReadOnlyList<IReadOnlyCollection<string>> clusters)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < clusters.Count; i++)
        {
            foreach (var mention in clusters[i])
            {
                if (!index.TryAdd(mention, i))
                {
                    throw new ArgumentException($"Mention '{mention}' is in two clusters of one partition.", nameof(clusters));
                }
            }
        }

        return index;
    }
}
