using System.Text.RegularExpressions;

namespace Storytelling.Nlp.Time.Internal;

/// <summary>How a period without a year (or a weekday) is placed against the anchor.</summary>
internal enum Placement
{
    /// <summary>The latest one that has begun by the anchor day (a bare "March" or "Tuesday" in past-tense text).</summary>
    OnOrBefore,

    /// <summary>The earliest one that has not ended by the anchor day.</summary>
    OnOrAfter,

    /// <summary>The latest one that ended before the anchor day ("last March", "last Tuesday").</summary>
    Before,

    /// <summary>The earliest one that begins after the anchor day ("next March", "next Tuesday").</summary>
    After,

    /// <summary>The one containing the anchor day, else the one in the anchor's year ("this March").</summary>
    Current,

    /// <summary>The one containing the anchor day, else the one nearest to it ("this winter" on 10 March is the winter just ended).</summary>
    Nearest,
}

/// <summary>One text and its anchor while the rules run, and the candidates they add.</summary>
internal sealed class ScanContext
{
    public ScanContext(string text, DateTimeOffset? anchor)
    {
        Text = text;
        Anchor = anchor;
        AnchorDay = anchor is { } value ? DateOnly.FromDateTime(value.DateTime) : null;
        Offset = anchor?.Offset ?? TimeSpan.Zero;
    }

    public string Text { get; }

    public DateTimeOffset? Anchor { get; }

    /// <summary>The calendar day of the anchor in its own UTC offset.</summary>
    public DateOnly? AnchorDay { get; }

    /// <summary>The UTC offset of every interval: the anchor's, or zero without an anchor.</summary>
    public TimeSpan Offset { get; }

    public List<Candidate> Candidates { get; } = [];

    /// <summary>True when the sentence around [start, end) speaks of the future (see <see cref="Tense"/>).</summary>
    public bool IsFuture(int start, int end) => Tense.IsFuture(Text, start, end) == true;

    /// <summary>Adds a period that needs no anchor ("5 March 2024", "the 1990s").</summary>
    public void AddAbsolute(int start, int end, Period period, PeriodPart part, float confidence, TimeExpressionTraits flags = TimeExpressionTraits.None) =>
        AddPeriod(start, end, period, part, TimeAnchor.None, flags, confidence);

    /// <summary>
    /// Adds a period placed against the anchor; PastRelative or FutureRelative is added when the (part of the) period
    /// lies wholly before or after the anchor day.
    /// </summary>
    public void AddRelative(int start, int end, Period period, PeriodPart part, float confidence, TimeExpressionTraits flags = TimeExpressionTraits.None)
    {
        var (begin, stop) = period.Part(part);
        var day = AnchorDay ?? throw new InvalidOperationException("A relative period needs an anchor.");
        if (stop <= day)
        {
            flags |= TimeExpressionTraits.PastRelative;
        }
        else if (begin > day)
        {
            flags |= TimeExpressionTraits.FutureRelative;
        }

        AddPeriod(start, end, period, part, TimeAnchor.PublicationDate, flags, confidence);
    }

    /// <summary>
    /// Adds a relative expression found without an anchor: the value keeps its X placeholders, no interval.
    /// <paramref name="dayValue"/> is the value of its day when it names one day ("XXXX-WXX-2" for "Tuesday morning").
    /// </summary>
    public void AddUnresolved(int start, int end, TimeExpressionType type, string value, float confidence, TimeExpressionTraits flags, string? dayValue = null) =>
        Candidates.Add(new Candidate
        {
            Start = start,
            End = end,
            Type = type,
            Value = value,
            Anchor = TimeAnchor.None,
            Flags = flags | TimeExpressionTraits.AnchorMissing,
            Confidence = confidence,
            DayValue = dayValue,
        });

    public void Add(Candidate candidate) => Candidates.Add(candidate);

    /// <summary>Marks [start, end) as a date-like span that is no date ("31 April 2024"), so no shorter reading inside it is kept.</summary>
    public void AddInvalid(int start, int end) =>
        Candidates.Add(new Candidate { Start = start, End = end, Type = TimeExpressionType.Date, Value = string.Empty, Confidence = 0, Invalid = true });

    /// <summary>The period of the kind <paramref name="make"/> builds for a year, chosen for the anchor day by <paramref name="placement"/>.</summary>
    public Period? PlaceByYear(Func<int, Period?> make, Placement placement)
    {
        var day = AnchorDay ?? throw new InvalidOperationException("Placing a period needs an anchor.");
        Period? latest = null;
        int nearestDistance = int.MaxValue;
        for (int year = day.Year - 2; year <= day.Year + 2; year++)
        {
            if (make(year) is not { } period)
            {
                continue;
            }

            switch (placement)
            {
                case Placement.OnOrBefore when period.Begin <= day:
                case Placement.Before when period.End <= day:
                    latest = period;
                    break;
                case Placement.OnOrAfter when period.End > day:
                case Placement.After when period.Begin > day:
                case Placement.Current when period.Begin <= day && day < period.End:
                    return period;
                case Placement.Nearest:
                    int distance = day < period.Begin ? period.Begin.DayNumber - day.DayNumber : day >= period.End ? day.DayNumber - period.End.DayNumber + 1 : 0;
                    if (distance < nearestDistance)
                    {
                        nearestDistance = distance;
                        latest = period;
                    }

                    break;
            }
        }

        return placement == Placement.Current ? make(day.Year) : latest;
    }

    /// <summary>
    /// The placement for a bare expression from the tense of its sentence: past looks back, future looks forward, and a
    /// sentence without a tense cue gets <paramref name="withoutCue"/>.
    /// </summary>
    public Placement PlacementByTense(int start, int end, Placement withoutCue) => Tense.IsFuture(Text, start, end) switch
    {
        true => Placement.OnOrAfter,
        false => Placement.OnOrBefore,
        null => withoutCue,
    };

    /// <summary>The word just before <paramref name="position"/> (letters, digits, apostrophes), or empty.</summary>
    public ReadOnlySpan<char> WordBefore(int position)
    {
        int start = WordStartBefore(position);
        int end = start;
        while (end < Text.Length && (char.IsLetterOrDigit(Text[end]) || Text[end] is '\'' or '’'))
        {
            end++;
        }

        return Text.AsSpan(start, Math.Min(end, position) - start);
    }

    /// <summary>Where the word just before <paramref name="position"/> starts (<paramref name="position"/> after trailing spaces when there is none).</summary>
    public int WordStartBefore(int position)
    {
        int end = position;
        while (end > 0 && char.IsWhiteSpace(Text[end - 1]))
        {
            end--;
        }

        int start = end;
        while (start > 0 && (char.IsLetterOrDigit(Text[start - 1]) || Text[start - 1] is '\'' or '’'))
        {
            start--;
        }

        return start;
    }

    /// <summary>The word just after <paramref name="position"/>, or empty.</summary>
    public ReadOnlySpan<char> WordAfter(int position)
    {
        int start = position;
        while (start < Text.Length && char.IsWhiteSpace(Text[start]))
        {
            start++;
        }

        int end = start;
        while (end < Text.Length && char.IsLetterOrDigit(Text[end]))
        {
            end++;
        }

        return Text.AsSpan(start, end - start);
    }

    /// <summary>
    /// Where a span starts: at the match or at the earliest of the listed groups that took part, whichever comes first
    /// (the words a leading lookbehind captured, such as "last" or "early", belong to the span; "in" does not).
    /// </summary>
    public static int StartOf(Match match, params ReadOnlySpan<string> groups)
    {
        int start = match.Index;
        foreach (var name in groups)
        {
            var group = match.Groups[name];
            if (group.Success && group.Index < start)
            {
                start = group.Index;
            }
        }

        return start;
    }

    private void AddPeriod(int start, int end, Period period, PeriodPart part, TimeAnchor anchor, TimeExpressionTraits flags, float confidence)
    {
        var (begin, stop) = period.Part(part);
        if (part != PeriodPart.Whole)
        {
            flags |= TimeExpressionTraits.Approximate;
        }

        bool oneDay = period.Unit == PeriodUnit.Day;
        Candidates.Add(new Candidate
        {
            Start = start,
            End = end,
            Type = TimeExpressionType.Date,
            Value = period.Value,
            Interval = new TimeInterval(Period.At(begin, Offset), Period.At(stop, Offset)),
            Anchor = anchor,
            Flags = flags,
            Confidence = confidence,
            DayValue = oneDay ? period.Value : null,
            Day = oneDay ? period.Begin : null,
        });
    }
}
