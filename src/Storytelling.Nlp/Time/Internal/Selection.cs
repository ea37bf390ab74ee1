namespace Storytelling.Nlp.Time.Internal;

/// <summary>
/// Turns overlapping rule matches into the final expressions: the leftmost match wins, and of those starting at the
/// same character the longest (then the one found first); spans that only look like dates are dropped; then a one-day date and a clock time next to each other
/// ("Tuesday at 3 p.m.", "3 p.m. on Tuesday", "March 5, 2024, 14:30") become one Time expression.
/// </summary>
internal static class Selection
{
    public static List<Candidate> Resolve(ScanContext context)
    {
        var ordered = context.Candidates
            .Select((candidate, index) => (candidate, index))
            .OrderBy(c => c.candidate.Start)
            .ThenByDescending(c => c.candidate.Length)
            .ThenBy(c => c.index)
            .Select(c => c.candidate);
        var kept = new List<Candidate>(context.Candidates.Count);
        int end = 0;
        foreach (var candidate in ordered)
        {
            if (candidate.Start >= end)
            {
                kept.Add(candidate);
                end = candidate.End;
            }
        }

        kept.RemoveAll(candidate => candidate.Invalid);
        return Join(context, kept);
    }

    private static List<Candidate> Join(ScanContext context, List<Candidate> kept)
    {
        var joined = new List<Candidate>(kept.Count);
        for (int i = 0; i < kept.Count; i++)
        {
            var first = kept[i];
            if (i + 1 < kept.Count && TryJoin(context, first, kept[i + 1]) is { } pair)
            {
                joined.Add(pair);
                i++;
            }
            else
            {
                joined.Add(first);
            }
        }

        return joined;
    }

    private static Candidate? TryJoin(ScanContext context, Candidate first, Candidate second)
    {
        var (day, clock) = IsDay(first) && IsClock(second) ? (first, second)
            : IsClock(first) && IsDay(second) ? (second, first)
            : (null, null);
        if (day is null || clock is null || !Patterns.JoinGap().IsMatch(context.Text.AsSpan(first.End, second.Start - first.End)))
        {
            return null;
        }

        return ClockRules.Joined(context, first.Start, second.End, day.DayValue!, day.Day, clock.Clock!.Value, clock.ClockValue!,
            clock.ZoneOffset, clock.HasSeconds, day.Anchor, day.Flags, Math.Min(day.Confidence, clock.Confidence));
    }

    private static bool IsDay(Candidate candidate) => candidate.DayValue is not null;

    private static bool IsClock(Candidate candidate) => candidate.ClockValue is not null && candidate.DayValue is null;
}
