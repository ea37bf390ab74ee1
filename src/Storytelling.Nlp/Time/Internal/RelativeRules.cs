using System.Text.RegularExpressions;

namespace Storytelling.Nlp.Time.Internal;

/// <summary>
/// Expressions that name a day or period relative to the anchor: today, yesterday, tonight, this morning, weekdays
/// (with last/next/this), this/last/next week, earlier this month, later this year, the past week.
/// </summary>
internal static class RelativeRules
{
    public static void Scan(ScanContext context)
    {
        DayWords(context);
        Weekdays(context);
        Periods(context);
    }

    private static void DayWords(ScanContext context)
    {
        foreach (Match match in Patterns.DayWord().Matches(context.Text))
        {
            int start = ScanContext.StartOf(match, "dayof", "last", "thisword"), end = match.Index + match.Length;
            int shift;
            string? partOfDay = null;
            if (match.Groups["last"].Success)
            {
                shift = -1;
                partOfDay = "NI";
            }
            else if (match.Groups["this"].Success)
            {
                shift = 0;
                partOfDay = Words.PartOfDay(match.Groups["this"].ValueSpan);
            }
            else
            {
                var word = match.Groups["word"].Value.ToLowerInvariant();
                var dayOf = match.Groups["dayof"];
                shift = word switch
                {
                    "yesterday" => -1,
                    "tomorrow" => 1,
                    _ => 0,
                };
                if (dayOf.Success)
                {
                    shift += dayOf.Value.Contains("before", StringComparison.OrdinalIgnoreCase) ? -1 : 1;
                }

                partOfDay = word == "tonight" ? "NI" : null;
            }

            if (match.Groups["pod"].Success && partOfDay is null)
            {
                partOfDay = Words.PartOfDay(match.Groups["pod"].ValueSpan);
            }

            var direction = shift < 0 ? TimeExpressionTraits.PastRelative : shift > 0 ? TimeExpressionTraits.FutureRelative : TimeExpressionTraits.None;
            if (context.AnchorDay is not { } anchorDay)
            {
                var type = partOfDay is null ? TimeExpressionType.Date : TimeExpressionType.Time;
                context.AddUnresolved(start, end, type, partOfDay is null ? "XXXX-XX-XX" : "XXXX-XX-XXT" + partOfDay, 0.95f, direction, "XXXX-XX-XX");
                continue;
            }

            var day = Period.Day(anchorDay.AddDays(shift));
            if (partOfDay is null)
            {
                context.AddRelative(start, end, day, PeriodPart.Whole, 0.95f);
            }
            else
            {
                context.Add(ClockRules.PartOfDay(context, start, end, day, partOfDay, direction, 0.9f));
            }
        }
    }

    /// <summary>
    /// A bare weekday (or "this Tuesday") is the latest such day on or before the anchor in past-tense text and the
    /// earliest on or after it in future-tense text; "last Tuesday" is the latest strictly before the anchor day, "next
    /// Tuesday" the earliest strictly after it. "Mondays" and "Monday mornings" are sets.
    /// </summary>
    private static void Weekdays(ScanContext context)
    {
        foreach (Match match in Patterns.WeekdayName().Matches(context.Text))
        {
            int start = ScanContext.StartOf(match, "rel"), end = match.Index + match.Length;
            int weekday = Words.Weekday(match.Groups["wd"].ValueSpan);
            string? partOfDay = match.Groups["pod"].Success ? Words.PartOfDay(match.Groups["pod"].ValueSpan) : null;
            if (match.Groups["plural"].Success || match.Groups["podplural"].Success)
            {
                int from = match.Index;
                context.Add(new Candidate
                {
                    Start = from,
                    End = end,
                    Type = TimeExpressionType.Set,
                    Value = $"XXXX-WXX-{weekday}" + (partOfDay is null ? string.Empty : "T" + partOfDay),
                    Confidence = 0.85f,
                });
                continue;
            }

            var rel = match.Groups["rel"];
            var placement = rel.Success ? DateRules.PlacementOf(rel.ValueSpan) : Placement.Current;
            if (context.AnchorDay is not { } anchorDay)
            {
                var value = $"XXXX-WXX-{weekday}";
                var flags = rel.Success ? DateRules.RelationFlags(rel.ValueSpan) : TimeExpressionTraits.None;
                context.AddUnresolved(start, end, partOfDay is null ? TimeExpressionType.Date : TimeExpressionType.Time,
                    partOfDay is null ? value : value + "T" + partOfDay, 0.85f, flags, value);
                continue;
            }

            var extra = TimeExpressionTraits.None;
            if (placement == Placement.Current)
            {
                placement = context.PlacementByTense(start, end, Placement.OnOrBefore);
                extra = TimeExpressionTraits.DirectionFromTense;
            }

            int today = (int)anchorDay.DayOfWeek is 0 ? 7 : (int)anchorDay.DayOfWeek;
            int back = (today - weekday + 7) % 7;
            int ahead = (weekday - today + 7) % 7;
            var date = placement switch
            {
                Placement.OnOrBefore => anchorDay.AddDays(-back),
                Placement.Before => anchorDay.AddDays(back == 0 ? -7 : -back),
                Placement.OnOrAfter => anchorDay.AddDays(ahead),
                _ => anchorDay.AddDays(ahead == 0 ? 7 : ahead),
            };

            var day = Period.Day(date);
            if (partOfDay is null)
            {
                context.AddRelative(start, end, day, PeriodPart.Whole, 0.85f, extra);
            }
            else
            {
                var direction = date < anchorDay ? TimeExpressionTraits.PastRelative : date > anchorDay ? TimeExpressionTraits.FutureRelative : TimeExpressionTraits.None;
                context.Add(ClockRules.PartOfDay(context, start, end, day, partOfDay, direction | extra, 0.85f));
            }
        }
    }

    /// <summary>
    /// this/last/next week|weekend|month|quarter|year|decade|century are dates; "the past week", "the coming month"
    /// are durations (P1W, P1M) whose interval runs from the anchor back or forward; "earlier this month" runs from the
    /// start of the month to the anchor, "later this year" from the anchor to the end of the year.
    /// </summary>
    private static void Periods(ScanContext context)
    {
        foreach (Match match in Patterns.RelativePeriod().Matches(context.Text))
        {
            var relText = match.Groups["rel"].Value.ToLowerInvariant();
            bool bareThe = relText == "the";
            if (bareThe && !match.Groups["edge"].Success)
            {
                continue;
            }

            int start = ScanContext.StartOf(match, "part", "edge", "rel"), end = match.Index + match.Length;
            var unit = UnitOf(match.Groups["unit"].ValueSpan);
            bool spanning = relText.StartsWith("the ", StringComparison.Ordinal) || relText is "past" or "coming";
            bool back = relText.Contains("past", StringComparison.Ordinal) || relText.Contains("last", StringComparison.Ordinal);
            if (spanning && unit != PeriodUnit.Weekend)
            {
                AddSpan(context, start, end, unit, back);
                continue;
            }

            int shift = bareThe || relText == "this" ? 0 : back ? -1 : 1;
            var partText = match.Groups["part"].Value.ToLowerInvariant();
            var direction = shift < 0 ? TimeExpressionTraits.PastRelative : shift > 0 ? TimeExpressionTraits.FutureRelative : TimeExpressionTraits.None;
            if (partText is "earlier" or "later" && shift == 0)
            {
                direction = partText == "earlier" ? TimeExpressionTraits.PastRelative : TimeExpressionTraits.FutureRelative;
            }

            if (context.AnchorDay is not { } anchorDay)
            {
                context.AddUnresolved(start, end, TimeExpressionType.Date, UnresolvedValue(unit), 0.9f, direction);
                continue;
            }

            var period = Period.Containing(unit, anchorDay).Shift(shift);
            if (partText is "earlier" or "later" && shift == 0)
            {
                var anchor = context.Anchor!.Value;
                var interval = partText == "earlier"
                    ? new TimeInterval(Period.At(period.Begin, context.Offset), anchor)
                    : new TimeInterval(anchor, Period.At(period.End, context.Offset));
                context.Add(new Candidate
                {
                    Start = start,
                    End = end,
                    Type = TimeExpressionType.Date,
                    Value = period.Value,
                    Interval = interval,
                    Anchor = TimeAnchor.PublicationDate,
                    Flags = direction,
                    Confidence = 0.9f,
                });
                continue;
            }

            var part = partText switch
            {
                "earlier" or "early" => PeriodPart.Early,
                "mid" => PeriodPart.Mid,
                "later" or "late" => PeriodPart.Late,
                _ => DateRules.PartOf(match),
            };
            context.AddRelative(start, end, period, part, 0.9f, direction);
        }
    }

    /// <summary>"the past week": P1W over [anchor - 1 week, anchor); "the coming month": P1M over [anchor, anchor + 1 month).</summary>
    private static void AddSpan(ScanContext context, int start, int end, PeriodUnit unit, bool back)
    {
        var (amount, durationUnit) = unit switch
        {
            PeriodUnit.Week => (1, "week"),
            PeriodUnit.Month => (1, "month"),
            PeriodUnit.Quarter => (3, "month"),
            PeriodUnit.Decade => (10, "year"),
            PeriodUnit.Century => (100, "year"),
            _ => (1, "year"),
        };
        DurationRules.AddSpan(context, start, end, amount, durationUnit, back, approximate: false, 0.85f);
    }

    private static PeriodUnit UnitOf(ReadOnlySpan<char> word) => word.ToString().ToLowerInvariant() switch
    {
        "week" => PeriodUnit.Week,
        "weekend" => PeriodUnit.Weekend,
        "month" => PeriodUnit.Month,
        "quarter" => PeriodUnit.Quarter,
        "decade" => PeriodUnit.Decade,
        "century" => PeriodUnit.Century,
        _ => PeriodUnit.Year,
    };

    private static string UnresolvedValue(PeriodUnit unit) => unit switch
    {
        PeriodUnit.Week => "XXXX-WXX",
        PeriodUnit.Weekend => "XXXX-WXX-WE",
        PeriodUnit.Month => "XXXX-XX",
        PeriodUnit.Quarter => "XXXX-QX",
        PeriodUnit.Decade => "XXX",
        PeriodUnit.Century => "XX",
        _ => "XXXX",
    };
}
