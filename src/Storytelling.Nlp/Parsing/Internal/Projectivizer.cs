namespace Storytelling.Nlp.Parsing.Internal;

/// <summary>
/// Makes a tree projective by lifting (Nivre and Nilsson 2005, without the label encoding): while some arc
/// crosses another, the shortest non-projective arc h → d is replaced by head(h) → d, keeping d's label. Trees
/// that are already projective are returned unchanged. Heads are 1-based with 0 for the root.
/// </summary>
internal static class Projectivizer
{
    /// <summary>Lifts arcs in place; returns how many lifts were made.</summary>
    public static int Projectivize(Span<int> heads)
    {
        var lifts = 0;
        while (true)
        {
            var shortest = -1;
            var shortestLength = int.MaxValue;
            for (var d = 1; d < heads.Length; d++)
            {
                var length = Math.Abs(heads[d] - d);
                if (length < shortestLength && !IsProjectiveArc(heads, heads[d], d))
                {
                    shortest = d;
                    shortestLength = length;
                }
            }

            if (shortest < 0)
            {
                return lifts;
            }

            heads[shortest] = heads[heads[shortest]];
            lifts++;
        }
    }

    public static bool IsProjective(ReadOnlySpan<int> heads)
    {
        for (var d = 1; d < heads.Length; d++)
        {
            if (!IsProjectiveArc(heads, heads[d], d))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every word strictly between <paramref name="head"/> and <paramref name="dependent"/> descends from the head.</summary>
    public static bool IsProjectiveArc(ReadOnlySpan<int> heads, int head, int dependent)
    {
        var from = Math.Min(head, dependent) + 1;
        var to = Math.Max(head, dependent);
        for (var k = from; k < to; k++)
        {
            var ancestor = heads[k];
            var steps = 0;
            while (ancestor != head && ancestor > 0 && steps++ < heads.Length)
            {
                ancestor = heads[ancestor];
            }

            if (ancestor != head)
            {
                return false;
            }
        }

        return true;
    }
}
