namespace Storytelling.Nlp.Time.Internal;

/// <summary>
/// A rule match before overlaps are resolved. Besides the output fields it keeps what joining a day and a clock time
/// needs: the value and calendar day of a one-day date (<see cref="DayValue"/>, <see cref="Day"/>), and the clock part
/// of a time (<see cref="ClockValue"/> such as <c>T15:00</c>, <see cref="Clock"/>, <see cref="ZoneOffset"/>).
/// </summary>
internal sealed class Candidate
{
    public required int Start { get; init; }

    public required int End { get; init; }

    public required TimeExpressionType Type { get; init; }

    public required string Value { get; init; }

    public TimeInterval? Interval { get; init; }

    public TimeAnchor Anchor { get; init; }

    public TimeExpressionTraits Flags { get; init; }

    public required float Confidence { get; init; }

    /// <summary>Set on a date of exactly one day, resolved or not ("2024-03-05", "XXXX-WXX-2").</summary>
    public string? DayValue { get; init; }

    public DateOnly? Day { get; init; }

    /// <summary>Set on a clock time not yet tied to a day ("T15:00", "T09:15Z").</summary>
    public string? ClockValue { get; init; }

    public TimeOnly? Clock { get; init; }

    public TimeSpan? ZoneOffset { get; init; }

    /// <summary>True when the clock time has seconds (its interval is one second instead of one minute).</summary>
    public bool HasSeconds { get; init; }

    /// <summary>
    /// A span that reads like a date but is not one ("31 April 2024"): it takes part in overlap resolution, so no shorter
    /// reading inside it ("April 2024") survives, and is then dropped.
    /// </summary>
    public bool Invalid { get; init; }

    public int Length => End - Start;
}
