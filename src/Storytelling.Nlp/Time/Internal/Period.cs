using System.Globalization;

namespace Storytelling.Nlp.Time.Internal;

/// <summary>Calendar units a date expression can name.</summary>
internal enum PeriodUnit
{
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    HalfYear,
    Season,
    Year,
    Decade,
    Century,
}

/// <summary>The part of a period named by early/mid/late or the start/middle/end of.</summary>
internal enum PeriodPart
{
    Whole,
    Early,
    Mid,
    Late,
}

/// <summary>
/// A calendar period [<paramref name="Begin"/>, <paramref name="End"/>) with its TIMEX3 value. Seasons are the
/// meteorological northern-hemisphere ones (winter of year Y runs from 1 December Y to 1 March Y+1); weeks are ISO weeks.
/// </summary>
internal readonly record struct Period(PeriodUnit Unit, DateOnly Begin, DateOnly End, string Value)
{
    private static readonly string[] SeasonCodes = ["SP", "SU", "FA", "WI"];

    public static Period Day(DateOnly day) => new(PeriodUnit.Day, day, day.AddDays(1), Format(day));

    public static Period? Day(int year, int month, int day) =>
        year is >= 1 and <= 9998 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? Day(new DateOnly(year, month, day))
            : null;

    public static Period WeekOf(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var at = day.ToDateTime(TimeOnly.MinValue);
        return new(PeriodUnit.Week, monday, monday.AddDays(7), Invariant($"{ISOWeek.GetYear(at):D4}-W{ISOWeek.GetWeekOfYear(at):D2}"));
    }

    public static Period WeekendOf(DateOnly day)
    {
        var week = WeekOf(day);
        return new(PeriodUnit.Weekend, week.Begin.AddDays(5), week.End, week.Value + "-WE");
    }

    public static Period Month(int year, int month) =>
        new(PeriodUnit.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1), Invariant($"{year:D4}-{month:D2}"));

    public static Period Quarter(int year, int quarter) =>
        new(PeriodUnit.Quarter, new DateOnly(year, quarter * 3 - 2, 1), new DateOnly(year, quarter * 3 - 2, 1).AddMonths(3), Invariant($"{year:D4}-Q{quarter}"));

    public static Period HalfYear(int year, int half) =>
        new(PeriodUnit.HalfYear, new DateOnly(year, half * 6 - 5, 1), new DateOnly(year, half * 6 - 5, 1).AddMonths(6), Invariant($"{year:D4}-H{half}"));

    /// <summary>Season 0 spring, 1 summer, 2 autumn, 3 winter.</summary>
    public static Period Season(int year, int season)
    {
        var begin = new DateOnly(year, 3 + season * 3, 1);
        return new(PeriodUnit.Season, begin, begin.AddMonths(3), Invariant($"{year:D4}-{SeasonCodes[season]}"));
    }

    public static Period Year(int year) => new(PeriodUnit.Year, new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1), Invariant($"{year:D4}"));

    /// <summary>The decade starting at <paramref name="firstYear"/> (a multiple of ten): value <c>199</c> for the 1990s.</summary>
    public static Period Decade(int firstYear) =>
        new(PeriodUnit.Decade, new DateOnly(firstYear, 1, 1), new DateOnly(firstYear + 10, 1, 1), Invariant($"{firstYear / 10:D3}"));

    /// <summary>The hundred years starting at <paramref name="hundreds"/> × 100: value <c>19</c> for the 1900s (the 20th century).</summary>
    public static Period Century(int hundreds) =>
        new(PeriodUnit.Century, new DateOnly(Math.Max(1, hundreds * 100), 1, 1), new DateOnly(hundreds * 100 + 100, 1, 1), Invariant($"{hundreds:D2}"));

    public static Period Containing(PeriodUnit unit, DateOnly day) => unit switch
    {
        PeriodUnit.Day => Day(day),
        PeriodUnit.Week => WeekOf(day),
        PeriodUnit.Weekend => WeekendOf(day),
        PeriodUnit.Month => Month(day.Year, day.Month),
        PeriodUnit.Quarter => Quarter(day.Year, (day.Month + 2) / 3),
        PeriodUnit.HalfYear => HalfYear(day.Year, (day.Month + 5) / 6),
        PeriodUnit.Season => day.Month <= 2 ? Season(day.Year - 1, 3) : Season(day.Year, (day.Month - 3) / 3),
        PeriodUnit.Year => Year(day.Year),
        PeriodUnit.Decade => Decade(day.Year / 10 * 10),
        PeriodUnit.Century => Century(day.Year / 100),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown period unit."),
    };

    /// <summary>The period of the same unit <paramref name="count"/> periods later (earlier when negative).</summary>
    public Period Shift(int count) => Unit switch
    {
        PeriodUnit.Day => Day(Begin.AddDays(count)),
        PeriodUnit.Week or PeriodUnit.Weekend => Containing(Unit, Begin.AddDays(7 * count)),
        PeriodUnit.Month => Containing(Unit, Begin.AddMonths(count)),
        PeriodUnit.Quarter or PeriodUnit.Season => Containing(Unit, Begin.AddMonths(3 * count)),
        PeriodUnit.HalfYear => Containing(Unit, Begin.AddMonths(6 * count)),
        PeriodUnit.Year => Containing(Unit, Begin.AddYears(count)),
        PeriodUnit.Decade => Containing(Unit, Begin.AddYears(10 * count)),
        PeriodUnit.Century => Containing(Unit, Begin.AddYears(100 * count)),
        _ => throw new InvalidOperationException($"Unknown period unit {Unit}."),
    };

    /// <summary>
    /// The early, middle or late part of the period, by whole sub-units: days 1-10, 11-20, 21-end of a month; months
    /// 1-4, 5-8, 9-12 of a year; years 0-3, 4-6, 7-9 of a decade; the first, second, third month of a quarter or season.
    /// </summary>
    public (DateOnly Begin, DateOnly End) Part(PeriodPart part)
    {
        if (part == PeriodPart.Whole)
        {
            return (Begin, End);
        }

        int index = (int)part - 1;
        var begin = Begin;
        return Unit switch
        {
            PeriodUnit.Day => (Begin, End),
            PeriodUnit.Week or PeriodUnit.Weekend => Cut(begin, End, index, [0, 2, 4], d => begin.AddDays(d)),
            PeriodUnit.Month => Cut(begin, End, index, [0, 10, 20], d => begin.AddDays(d)),
            PeriodUnit.Quarter or PeriodUnit.Season => Cut(begin, End, index, [0, 1, 2], m => begin.AddMonths(m)),
            PeriodUnit.HalfYear => Cut(begin, End, index, [0, 2, 4], m => begin.AddMonths(m)),
            PeriodUnit.Year => Cut(begin, End, index, [0, 4, 8], m => begin.AddMonths(m)),
            PeriodUnit.Decade => Cut(begin, End, index, [0, 4, 7], y => begin.AddYears(y)),
            PeriodUnit.Century => Cut(begin, End, index, [0, 34, 67], y => begin.AddYears(y)),
            _ => throw new InvalidOperationException($"Unknown period unit {Unit}."),
        };
    }

    public TimeInterval Interval(TimeSpan offset) => new(At(Begin, offset), At(End, offset));

    public static DateTimeOffset At(DateOnly day, TimeSpan offset) => new(day.ToDateTime(TimeOnly.MinValue), offset);

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static (DateOnly, DateOnly) Cut(DateOnly begin, DateOnly end, int index, int[] starts, Func<int, DateOnly> step) =>
        (step(starts[index]), index + 1 < starts.Length ? step(starts[index + 1]) : end);
}
