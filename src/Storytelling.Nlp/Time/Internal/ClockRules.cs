using System.Globalization;
using System.Text.RegularExpressions;

namespace Storytelling.Nlp.Time.Internal;

/// <summary>
/// Times of day: "14:30", "2:30 p.m.", "3pm", "noon", "midnight", "0900 GMT", with a zone when one follows (GMT and
/// UTC give <c>Z</c>, fixed-offset zones such as EST give <c>-05:00</c>; ET, PT and "local time" add nothing). Alone, a
/// time has a value like <c>T14:30</c> and no interval; next to a day it is joined to it (see <see cref="Selection"/>).
/// </summary>
internal static class ClockRules
{
    public static void Scan(ScanContext context)
    {
        foreach (Match match in Patterns.ColonTime().Matches(context.Text))
        {
            AddClock(context, match, 0.85f);
        }

        foreach (Match match in Patterns.HourAmPm().Matches(context.Text))
        {
            AddClock(context, match, 0.9f);
        }

        foreach (Match match in Patterns.MilitaryTime().Matches(context.Text))
        {
            AddClock(context, match, 0.85f);
        }

        foreach (Match match in Patterns.ClockWord().Matches(context.Text))
        {
            var clock = match.Groups["w"].ValueSpan.Equals("midnight", StringComparison.OrdinalIgnoreCase) ? TimeOnly.MinValue : new TimeOnly(12, 0);
            context.Add(Bare(match.Index, match.Index + match.Length, clock, hasSeconds: false, null, 0.9f));
        }
    }

    /// <summary>The value of a clock time: T14:30, T14:30:15, T09:15Z, T15:00-05:00.</summary>
    public static string ClockValue(TimeOnly clock, bool hasSeconds, TimeSpan? offset)
    {
        var text = "T" + clock.ToString(hasSeconds ? "HH:mm:ss" : "HH:mm", CultureInfo.InvariantCulture);
        return offset switch
        {
            null => text,
            { } zero when zero == TimeSpan.Zero => text + "Z",
            { } value => text + (value < TimeSpan.Zero ? "-" : "+") + value.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A day and a clock time as one Time expression: value day + clock, interval one minute (one second with seconds) when the day is known.</summary>
    public static Candidate Joined(ScanContext context, int start, int end, string dayValue, DateOnly? day, TimeOnly clock, string clockValue,
        TimeSpan? zoneOffset, bool hasSeconds, TimeAnchor anchor, TimeExpressionTraits flags, float confidence)
    {
        TimeInterval? interval = null;
        if (day is { } known)
        {
            var begin = new DateTimeOffset(known.ToDateTime(clock), zoneOffset ?? context.Offset);
            interval = new TimeInterval(begin, hasSeconds ? begin.AddSeconds(1) : begin.AddMinutes(1));
        }

        return new Candidate
        {
            Start = start,
            End = end,
            Type = TimeExpressionType.Time,
            Value = dayValue + clockValue,
            Interval = interval,
            Anchor = anchor,
            Flags = flags,
            Confidence = confidence,
        };
    }

    /// <summary>"this morning", "Tuesday night": value day + TMO/TAF/TEV/TNI, interval the hours of that part of the day.</summary>
    public static Candidate PartOfDay(ScanContext context, int start, int end, Period day, string code, TimeExpressionTraits flags, float confidence)
    {
        var (fromHour, hours) = Words.PartOfDayHours(code);
        var begin = Period.At(day.Begin, context.Offset).AddHours(fromHour);
        return new Candidate
        {
            Start = start,
            End = end,
            Type = TimeExpressionType.Time,
            Value = day.Value + "T" + code,
            Interval = new TimeInterval(begin, begin.AddHours(hours)),
            Anchor = TimeAnchor.PublicationDate,
            Flags = flags,
            Confidence = confidence,
            DayValue = day.Value,
            Day = day.Begin,
        };
    }

    private static void AddClock(ScanContext context, Match match, float confidence)
    {
        int hour = DateRules.Int(match, "h");
        int minute = match.Groups["mi"].Success ? DateRules.Int(match, "mi") : 0;
        var ampm = match.Groups["ampm"];
        if (ampm.Success)
        {
            if (hour is < 1 or > 12)
            {
                return;
            }

            bool pm = char.ToLowerInvariant(ampm.ValueSpan[0]) == 'p';
            hour = hour == 12 ? (pm ? 12 : 0) : pm ? hour + 12 : hour;
        }
        else if (hour > 23)
        {
            return;
        }

        if (!ampm.Success && !match.Groups["zone"].Success && match.Groups["h"].Length == 1 && !AfterClockCue(context, match.Index))
        {
            return;
        }

        bool hasSeconds = match.Groups["s"].Success;
        var clock = new TimeOnly(hour, minute, hasSeconds ? DateRules.Int(match, "s") : 0);
        var zone = match.Groups["zone"];
        TimeSpan? offset = zone.Success ? Words.ZoneOffset(zone.Value) : null;
        if (ampm.Success || zone.Success)
        {
            confidence = Math.Max(confidence, 0.9f);
        }

        context.Add(Bare(match.Index, match.Index + match.Length, clock, hasSeconds, offset, confidence));
    }

    /// <summary>"at 3:30", "until 9:15": a one-digit hour without a.m./p.m. or zone counts only after such a word (not "John 3:16").</summary>
    private static bool AfterClockCue(ScanContext context, int start) =>
        context.WordBefore(start).ToString().ToLowerInvariant() is "at" or "by" or "until" or "till" or "from" or "before" or "after"
            or "around" or "about" or "since" or "to" or "between" or "and" or "approximately" or "circa";

    private static Candidate Bare(int start, int end, TimeOnly clock, bool hasSeconds, TimeSpan? offset, float confidence)
    {
        var value = ClockValue(clock, hasSeconds, offset);
        return new Candidate
        {
            Start = start,
            End = end,
            Type = TimeExpressionType.Time,
            Value = value,
            Confidence = confidence,
            ClockValue = value,
            Clock = clock,
            ZoneOffset = offset,
            HasSeconds = hasSeconds,
        };
    }
}
