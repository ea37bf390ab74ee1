namespace Storytelling.Nlp.Tests.Parsing;

/// <summary>Random dependency trees for property tests: heads indexed 1..n, 0 for the root, index 0 unused (-1).</summary>
internal static class RandomTrees
{
    /// <summary>A random projective tree: each span is cut into consecutive subtrees attached to its head.</summary>
    public static int[] Projective(Random random, int n)
    {
        var heads = new int[n + 1];
        heads[0] = -1;
        var root = random.Next(1, n + 1);
        heads[root] = 0;
        Attach(random, heads, 1, root - 1, root);
        Attach(random, heads, root + 1, n, root);
        return heads;
    }

    /// <summary>A random tree, usually non-projective: every word takes a random earlier-placed word as head.</summary>
    public static int[] Any(Random random, int n)
    {
        var heads = new int[n + 1];
        heads[0] = -1;
        var order = Enumerable.Range(1, n).ToArray();
        random.Shuffle(order);
        heads[order[0]] = 0;
        for (var i = 1; i < n; i++)
        {
            heads[order[i]] = order[random.Next(i)];
        }

        return heads;
    }

    public static bool IsSingleRootedTree(ReadOnlySpan<int> heads)
    {
        var n = heads.Length - 1;
        var roots = 0;
        for (var d = 1; d <= n; d++)
        {
            if (heads[d] < 0 || heads[d] > n || heads[d] == d)
            {
                return false;
            }

            roots += heads[d] == 0 ? 1 : 0;
            var node = d;
            for (var steps = 0; node != 0; steps++)
            {
                if (steps > n)
                {
                    return false;
                }

                node = heads[node];
            }
        }

        return roots == 1;
    }

    private static void Attach(Random random, int[] heads, int from, int to, int head)
    {
        var start = from;
        while (start <= to)
        {
            var end = random.Next(start, to + 1);
            var root = random.Next(start, end + 1);
            heads[root] = head;
            Attach(random, heads, start, root - 1, root);
            Attach(random, heads, root + 1, end, root);
            start = end + 1;
        }
    }
}
