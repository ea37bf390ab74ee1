using System.Globalization;
using System.Text.RegularExpressions;

namespace Storytelling.Nlp.Time.Internal;

/// <summary>
/// Calendar dates written with numbers or month names: ISO and numeric dates, day-month and month-day dates with or
/// without a year, month-year, a month alone, a year alone in a clear context, decades, centuries, quarters, halves
/// and seasons. A day or month without a year takes its year from the anchor (by the tense of the sentence).
/// </summary>
internal static class DateRules
{
    public static void Scan(ScanContext context)
    {
        IsoDates(context);
        NumericDates(context);
        DayMonthDates(context, Patterns.DayMonth());
        DayMonthDates(context, Patterns.MonthDay());
        MonthYears(context);
        MonthsAlone(context);
        YearsAlone(context);
        Decades(context);
        Centuries(context);
        QuartersAndHalves(context);
        Seasons(context);
    }

    private static void IsoDates(ScanContext context)
    {
        foreach (Match match in Patterns.IsoDate().Matches(context.Text))
        {
            if (Period.Day(Int(match, "y"), Int(match, "m"), Int(match, "d")) is not { } day)
            {
                context.AddInvalid(match.Index, match.Index + match.Length);
                continue;
            }

            if (!match.Groups["h"].Success)
            {
                context.AddAbsolute(match.Index, match.Index + match.Length, day, PeriodPart.Whole, 0.98f);
                continue;
            }

            int hour = Int(match, "h");
            if (hour > 23)
            {
                continue;
            }

            var zone = match.Groups["z"];
            TimeSpan? offset = zone.Success ? ParseOffset(zone.Value) : null;
            var clock = new TimeOnly(hour, Int(match, "mi"), match.Groups["s"].Success ? Int(match, "s") : 0);
            context.Add(ClockRules.Joined(context, match.Index, match.Index + match.Length, day.Value, day.Begin, clock,
                ClockRules.ClockValue(clock, match.Groups["s"].Success, offset), offset, match.Groups["s"].Success, TimeAnchor.None, TimeExpressionTraits.None, 0.98f));
        }
    }

    /// <summary>
    /// Slashed dates are read month first (US order) unless the first number cannot be a month; dotted dates are read day
    /// first (the European convention that writes them). Swappable day and month are flagged.
    /// </summary>
    private static void NumericDates(ScanContext context)
    {
        foreach (Match match in Patterns.NumericDate().Matches(context.Text))
        {
            int a = Int(match, "a"), b = Int(match, "b");
            var yearText = match.Groups["y"].Value;
            bool dotted = match.Groups["sep"].Value == ".";
            if (dotted && yearText.Length != 4)
            {
                continue;
            }

            int year = yearText.Length == 4 ? int.Parse(yearText, CultureInfo.InvariantCulture) : TwoDigitYear(int.Parse(yearText, CultureInfo.InvariantCulture));
            (int month, int day) = dotted ? (b, a) : a > 12 ? (b, a) : (a, b);
            if (Period.Day(year, month, day) is not { } period)
            {
                continue;
            }

            var flags = a <= 12 && b <= 12 && a != b ? TimeExpressionTraits.AmbiguousDayMonth : TimeExpressionTraits.None;
            float confidence = flags == TimeExpressionTraits.None ? 0.9f : 0.75f;
            context.AddAbsolute(match.Index, match.Index + match.Length, period, PeriodPart.Whole, yearText.Length == 4 ? confidence : confidence - 0.1f, flags);
        }
    }

    private static void DayMonthDates(ScanContext context, Regex pattern)
    {
        foreach (Match match in pattern.Matches(context.Text))
        {
            int month = Words.Month(match.Groups["mon"].ValueSpan);
            int day = Int(match, "d");
            int start = ScanContext.StartOf(match, "wd", "the"), end = match.Index + match.Length;
            if (day is < 1 or > 31)
            {
                continue;
            }

            if (match.Groups["y"].Success)
            {
                if (Period.Day(Int(match, "y"), month, day) is { } dated)
                {
                    context.AddAbsolute(start, end, dated, PeriodPart.Whole, 0.95f);
                }
                else
                {
                    context.AddInvalid(start, end);
                }

                continue;
            }

            if (day > DateTime.DaysInMonth(2024, month))
            {
                context.AddInvalid(start, end);
                continue;
            }

            if (context.AnchorDay is null)
            {
                var value = Period.Invariant($"XXXX-{month:D2}-{day:D2}");
                context.AddUnresolved(start, end, TimeExpressionType.Date, value, 0.9f, TimeExpressionTraits.None, value);
                continue;
            }

            var placement = context.PlacementByTense(start, end, Internal.Placement.Current);
            if (context.PlaceByYear(year => Period.Day(year, month, day), placement) is { } resolved)
            {
                context.AddRelative(start, end, resolved, PeriodPart.Whole, 0.9f, TimeExpressionTraits.YearInferred | TimeExpressionTraits.DirectionFromTense);
            }
        }
    }

    private static void MonthYears(ScanContext context)
    {
        foreach (Match match in Patterns.MonthYear().Matches(context.Text))
        {
            int year = Int(match, "y");
            var period = Period.Month(year, Words.Month(match.Groups["mon"].ValueSpan));
            context.AddAbsolute(ScanContext.StartOf(match, "part", "edge"), match.Index + match.Length, period, PartOf(match), 0.95f);
        }
    }

    /// <summary>
    /// A month name alone. "May" and "March" (also a verb, a name, a parade) count only after a preposition such as
    /// "in", "since", "until", after last/next/this or with early/mid/late; other months also without one, unless they
    /// sit between capitalized words like a name ("April Smith", "Lake June").
    /// </summary>
    private static void MonthsAlone(ScanContext context)
    {
        foreach (Match match in Patterns.MonthAlone().Matches(context.Text))
        {
            var name = match.Groups["mon"];
            int month = Words.Month(name.ValueSpan);
            bool cued = match.Groups["prep"].Success || match.Groups["rel"].Success || match.Groups["part"].Success || match.Groups["edge"].Success;
            if (!cued && (month is 3 or 5 || LooksLikeName(context, name.Index, name.Index + name.Length)))
            {
                continue;
            }

            int start = ScanContext.StartOf(match, "rel", "part", "edge", "mon");
            int end = match.Index + match.Length;
            var part = PartOf(match);
            var rel = match.Groups["rel"];
            if (context.AnchorDay is null)
            {
                var flags = rel.Success ? RelationFlags(rel.ValueSpan) : TimeExpressionTraits.None;
                context.AddUnresolved(start, end, TimeExpressionType.Date, Period.Invariant($"XXXX-{month:D2}"), cued ? 0.9f : 0.8f, flags);
                continue;
            }

            var placement = rel.Success ? PlacementOf(rel.ValueSpan) : context.PlacementByTense(start, end, Internal.Placement.Current);
            var extra = TimeExpressionTraits.YearInferred | (rel.Success ? TimeExpressionTraits.None : TimeExpressionTraits.DirectionFromTense);
            if (context.PlaceByYear(year => Period.Month(year, month), placement) is { } period)
            {
                context.AddRelative(start, end, period, part, cued ? 0.9f : 0.8f, extra);
            }
        }
    }

    /// <summary>
    /// A four-digit year alone counts after a preposition ("in 2019", "since 2019", "by 2030"), with early/mid/late or
    /// the start/end of, or as a modifier after "the" ("the 2019 election"); "2019 people" never does, nor do counts
    /// after a preposition: "won by 2000 votes" (by after a verb of change), "around 2000 people" (around/from before a
    /// plural word), "between 2000 and 3000" (no second year).
    /// </summary>
    private static void YearsAlone(ScanContext context)
    {
        foreach (Match match in Patterns.YearAlone().Matches(context.Text))
        {
            int year = Int(match, "y");
            var yearGroup = match.Groups["y"];
            var prep = match.Groups["prep"];
            bool cued = prep.Success || match.Groups["part"].Success || match.Groups["edge"].Success;
            float confidence = 0.9f;
            if (!cued)
            {
                if (!context.WordBefore(match.Index).Equals("the", StringComparison.OrdinalIgnoreCase)
                    || !StartsLowercaseWord(context.Text, yearGroup.Index + yearGroup.Length)
                    || year is < 1900 or > 2100)
                {
                    continue;
                }

                confidence = 0.7f;
            }
            else if (prep.Success && !match.Groups["y2"].Success && IsCount(context, prep, yearGroup))
            {
                continue;
            }

            if (year > 2199 || (match.Groups["y2"].Success && (Int(match, "y2") > 2199 || Int(match, "y2") < year)))
            {
                continue;
            }

            int start = ScanContext.StartOf(match, "part", "edge", "y");
            context.AddAbsolute(start, yearGroup.Index + yearGroup.Length, Period.Year(year), PartOf(match), confidence);
            if (match.Groups["y2"].Success)
            {
                var second = match.Groups["y2"];
                context.AddAbsolute(second.Index, second.Index + second.Length, Period.Year(Int(match, "y2")), PeriodPart.Whole, confidence);
            }
        }
    }

    /// <summary>
    /// "the 1990s" is the decade 199; "the 1800s" (a year ending in 00 before 2000) is the century 18; "the '90s" and
    /// "the 90s" are 199 (00s to 20s: 200 to 202); "in their 20s" (an age: no "the", no apostrophe) is not matched.
    /// </summary>
    private static void Decades(ScanContext context)
    {
        foreach (Match match in Patterns.Decade().Matches(context.Text))
        {
            Period period;
            float confidence = 0.9f;
            if (match.Groups["dec"].Success)
            {
                int first = Int(match, "dec");
                period = first % 100 == 0 && first < 2000 ? Period.Century(first / 100) : Period.Decade(first);
            }
            else
            {
                if (match.Groups["dec3"].Success && !match.Groups["the"].Success)
                {
                    continue;
                }

                int tens = Int(match, match.Groups["dec2"].Success ? "dec2" : "dec3");
                period = Period.Decade(tens <= 20 ? 2000 + tens : 1900 + tens);
                confidence = match.Groups["dec2"].Success ? 0.85f : 0.6f;
            }

            context.AddAbsolute(ScanContext.StartOf(match, "the", "part"), match.Index + match.Length, period, PartOf(match), confidence);
        }
    }

    /// <summary>"the 19th century" is 18 with the interval 1800-1900 (the conventional hundreds, not 1801-1900).</summary>
    private static void Centuries(ScanContext context)
    {
        foreach (Match match in Patterns.Century().Matches(context.Text))
        {
            int ordinal = match.Groups["c"].Success ? Int(match, "c") : CenturyWord(match.Groups["cw"].Value);
            if (ordinal is < 1 or > 22)
            {
                continue;
            }

            context.AddAbsolute(ScanContext.StartOf(match, "the", "part", "c", "cw"), match.Index + match.Length, Period.Century(ordinal - 1), PartOf(match), 0.9f);
        }
    }

    /// <summary>
    /// Quarters ("the third quarter", "Q3 2023") and halves ("the first half of 2024"; a half needs its year, since "the
    /// first half" is as often a football match). A quarter without a year is placed by tense like a month.
    /// </summary>
    private static void QuartersAndHalves(ScanContext context)
    {
        foreach (Match match in Patterns.QuarterOrHalf().Matches(context.Text))
        {
            int start = ScanContext.StartOf(match, "ord"), end = match.Index + match.Length;
            bool half = match.Groups["qh"].Success && match.Groups["qh"].ValueSpan.Equals("half", StringComparison.OrdinalIgnoreCase);
            int number = match.Groups["q"].Success ? Int(match, "q") : Ordinal(match.Groups["ord"].ValueSpan);
            if (half && number > 2)
            {
                continue;
            }

            Func<int, Period> make = half ? year => Period.HalfYear(year, number) : year => Period.Quarter(year, number);
            var explicitYear = match.Groups["y"].Success ? match.Groups["y"] : match.Groups["qy"];
            if (explicitYear.Success)
            {
                context.AddAbsolute(start, end, make(int.Parse(explicitYear.ValueSpan, CultureInfo.InvariantCulture)), PeriodPart.Whole, 0.9f);
                continue;
            }

            var yearRelation = match.Groups["yrel"];
            if (!yearRelation.Success && (half || (match.Groups["q"].Success && !LooksTemporal(context, start))))
            {
                continue;
            }

            if (context.AnchorDay is not { } day)
            {
                context.AddUnresolved(start, end, TimeExpressionType.Date, half ? $"XXXX-H{number}" : $"XXXX-Q{number}", 0.7f,
                    yearRelation.Success ? RelationFlags(yearRelation.ValueSpan) : TimeExpressionTraits.None);
                continue;
            }

            if (yearRelation.Success)
            {
                int shift = RelationShift(yearRelation.ValueSpan);
                context.AddRelative(start, end, make(day.Year + shift), PeriodPart.Whole, 0.85f, TimeExpressionTraits.YearInferred);
                continue;
            }

            if (context.PlaceByYear(year => make(year), context.PlacementByTense(start, end, Internal.Placement.Current)) is { } placed)
            {
                context.AddRelative(start, end, placed, PeriodPart.Whole, 0.7f, TimeExpressionTraits.YearInferred | TimeExpressionTraits.DirectionFromTense);
            }
        }
    }

    /// <summary>
    /// A season counts with a year, with this/last/next, or after a preposition ("in the spring"); "fall" also needs one
    /// of those and never counts before "of" or "in" without a year ("the fall of Kabul", "a fall in prices"). "this
    /// winter" and a season in a sentence without tense are the one nearest to the anchor.
    /// </summary>
    private static void Seasons(ScanContext context)
    {
        foreach (Match match in Patterns.Season().Matches(context.Text))
        {
            var name = match.Groups["season"];
            int season = Words.Season(name.ValueSpan);
            var rel = match.Groups["rel"];
            bool hasYear = match.Groups["y"].Success;
            bool cued = hasYear || rel.Success || match.Groups["cue"].Success;
            if (!cued)
            {
                continue;
            }

            int end = match.Index + match.Length;
            if (!hasYear && char.ToLowerInvariant(name.ValueSpan[0]) == 'f')
            {
                var next = context.WordAfter(end);
                if (next.Equals("of", StringComparison.OrdinalIgnoreCase) || next.Equals("in", StringComparison.OrdinalIgnoreCase) || !(rel.Success || match.Groups["the"].Success))
                {
                    continue;
                }
            }

            int start = ScanContext.StartOf(match, "rel", "part", "season");
            var part = PartOf(match);
            if (hasYear)
            {
                context.AddAbsolute(start, end, Period.Season(Int(match, "y"), season), part, 0.9f);
                continue;
            }

            if (context.AnchorDay is null)
            {
                context.AddUnresolved(start, end, TimeExpressionType.Date, "XXXX-" + Period.Season(2000, season).Value[5..], 0.85f,
                    rel.Success ? RelationFlags(rel.ValueSpan) : TimeExpressionTraits.None);
                continue;
            }

            var placement = rel.Success ? PlacementOf(rel.ValueSpan) : context.PlacementByTense(start, end, Internal.Placement.Nearest);
            if (placement == Internal.Placement.Current)
            {
                placement = Internal.Placement.Nearest;
            }

            var extra = TimeExpressionTraits.YearInferred | (rel.Success ? TimeExpressionTraits.None : TimeExpressionTraits.DirectionFromTense);
            if (context.PlaceByYear(year => Period.Season(year, season), placement) is { } period)
            {
                context.AddRelative(start, end, period, part, 0.85f, extra);
            }
        }
    }

    public static PeriodPart PartOf(Match match)
    {
        var part = match.Groups["part"];
        if (part.Success)
        {
            return char.ToLowerInvariant(part.ValueSpan[0]) switch
            {
                'e' => PeriodPart.Early,
                'm' => PeriodPart.Mid,
                _ => PeriodPart.Late,
            };
        }

        var edge = match.Groups["edge"];
        if (!edge.Success)
        {
            return PeriodPart.Whole;
        }

        var text = edge.Value;
        return text.Contains("middle", StringComparison.OrdinalIgnoreCase) ? PeriodPart.Mid
            : text.Contains("end", StringComparison.OrdinalIgnoreCase) && !text.Contains("beginning", StringComparison.OrdinalIgnoreCase) ? PeriodPart.Late
            : PeriodPart.Early;
    }

    /// <summary>last → Before, next → After, this → Current, past → Before, coming → After.</summary>
    public static Placement PlacementOf(ReadOnlySpan<char> relation) => char.ToLowerInvariant(relation[0]) switch
    {
        'l' or 'p' => Internal.Placement.Before,
        'n' or 'c' => Internal.Placement.After,
        _ => Internal.Placement.Current,
    };

    public static TimeExpressionTraits RelationFlags(ReadOnlySpan<char> relation) => PlacementOf(relation) switch
    {
        Internal.Placement.Before => TimeExpressionTraits.PastRelative,
        Internal.Placement.After => TimeExpressionTraits.FutureRelative,
        _ => TimeExpressionTraits.None,
    };

    public static int RelationShift(ReadOnlySpan<char> relation) => PlacementOf(relation) switch
    {
        Internal.Placement.Before => -1,
        Internal.Placement.After => 1,
        _ => 0,
    };

    public static int Int(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    private static int TwoDigitYear(int year) => year < 70 ? 2000 + year : 1900 + year;

    private static TimeSpan ParseOffset(string zone)
    {
        if (zone is "Z" or "z")
        {
            return TimeSpan.Zero;
        }

        var digits = zone.Replace(":", string.Empty, StringComparison.Ordinal);
        var offset = new TimeSpan(int.Parse(digits.AsSpan(1, 2), CultureInfo.InvariantCulture), int.Parse(digits.AsSpan(3, 2), CultureInfo.InvariantCulture), 0);
        return zone[0] == '-' ? -offset : offset;
    }

    private static int Ordinal(ReadOnlySpan<char> word) => char.ToLowerInvariant(word[0]) switch
    {
        '1' => 1,
        '2' => 2,
        '3' => 3,
        '4' => 4,
        'f' when word.Length > 1 && char.ToLowerInvariant(word[1]) == 'i' && char.ToLowerInvariant(word[2]) == 'r' => 1,
        'f' => 4,
        's' => 2,
        't' => 3,
        _ => throw new ArgumentException($"'{word}' is not an ordinal.", nameof(word)),
    };

    private static int CenturyWord(string word) => word.ToLowerInvariant() switch
    {
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        _ => 21,
    };

    /// <summary>A capitalized word right before or after (not a month, weekday or sentence start): the month is part of a name.</summary>
    private static bool LooksLikeName(ScanContext context, int start, int end)
    {
        var after = context.WordAfter(end);
        if (after.Length > 0 && char.IsUpper(after[0]) && !IsCalendarWord(after))
        {
            return true;
        }

        var before = context.WordBefore(start);
        if (before.Length == 0 || !char.IsUpper(before[0]) || IsCalendarWord(before))
        {
            return false;
        }

        int at = start;
        while (at > 0 && char.IsWhiteSpace(context.Text[at - 1]))
        {
            at--;
        }

        int wordStart = at - before.Length;
        int previous = wordStart - 1;
        while (previous >= 0 && char.IsWhiteSpace(context.Text[previous]))
        {
            previous--;
        }

        return previous >= 0 && context.Text[previous] is not ('.' or '!' or '?' or '"' or '“' or '\n');
    }

    private static bool IsCalendarWord(ReadOnlySpan<char> word) =>
        word.Length >= 3 && (word.StartsWith("Jan", StringComparison.Ordinal) || word.StartsWith("Feb", StringComparison.Ordinal)
            || word.StartsWith("Mar", StringComparison.Ordinal) || word.StartsWith("Apr", StringComparison.Ordinal)
            || word.SequenceEqual("May") || word.StartsWith("Jun", StringComparison.Ordinal) || word.StartsWith("Jul", StringComparison.Ordinal)
            || word.StartsWith("Aug", StringComparison.Ordinal) || word.StartsWith("Sep", StringComparison.Ordinal)
            || word.StartsWith("Oct", StringComparison.Ordinal) || word.StartsWith("Nov", StringComparison.Ordinal)
            || word.StartsWith("Dec", StringComparison.Ordinal) || word.EndsWith("day", StringComparison.Ordinal));

    /// <summary>"Q3" counts without a year only after "in", "the", "for" or "during".</summary>
    private static bool LooksTemporal(ScanContext context, int start)
    {
        var before = context.WordBefore(start);
        return before.Equals("in", StringComparison.OrdinalIgnoreCase) || before.Equals("the", StringComparison.OrdinalIgnoreCase)
            || before.Equals("for", StringComparison.OrdinalIgnoreCase) || before.Equals("during", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsCount(ScanContext context, Group prep, Group year)
    {
        var cue = prep.Value.ToLowerInvariant();
        return cue switch
        {
            "between" => true,
            "by" => context.WordBefore(prep.Index).ToString().ToLowerInvariant() is "won" or "rose" or "fell" or "increased" or "decreased"
                or "grew" or "dropped" or "cut" or "reduced" or "raised" or "lost" or "beat" or "exceeded" or "outnumbered" or "up" or "down" or "higher" or "lower",
            "around" or "from" => Words.IsPluralNoun(context.WordAfter(year.Index + year.Length)),
            _ => false,
        };
    }

    private static bool StartsLowercaseWord(string text, int position) =>
        position + 1 < text.Length && text[position] == ' ' && char.IsLower(text[position + 1]);
}
