namespace Storytelling.Nlp.Entities;

/// <summary>
/// Merges learned spans (PER, ORG, LOC) with rule spans (DATE, TIME, MONEY, ...). Precedence: a learned span always
/// stays; a rule span that overlaps any learned span by at least one token is dropped (a name such as "Apollo 11"
/// or "Interstate 5" keeps its number); rule spans that overlap each other keep the earlier, then the longer one.
/// </summary>
public static class EntityMerge
{
    public static EntitySpan[] Merge(IReadOnlyList<EntitySpan> learned, IReadOnlyList<EntitySpan> rules)
    {
        ArgumentNullException.ThrowIfNull(learned);
        ArgumentNullException.ThrowIfNull(rules);
        var result = new List<EntitySpan>(learned.Count + rules.Count);
        result.AddRange(learned);
        int lastRuleEnd = 0;
        int l = 0;
        foreach (var rule in rules.OrderBy(r => r.StartToken).ThenByDescending(r => r.TokenCount))
        {
            if (rule.StartToken < lastRuleEnd)
            {
                continue;
            }

            while (l < learned.Count && learned[l].EndToken <= rule.StartToken)
            {
                l++;
            }

            if (l < learned.Count && learned[l].StartToken < rule.EndToken)
            {
                continue;
            }

            result.Add(rule);
            lastRuleEnd = rule.EndToken;
        }

        result.Sort(static (a, b) => a.StartToken.CompareTo(b.StartToken));
        return [.. result];
    }
}
