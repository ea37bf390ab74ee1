using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Storytelling.Nlp.Time.Internal;

/// <summary>
/// Amounts of time: durations ("three hours", "two-day", "10 years", "half an hour", "the past five years", "for
/// years") and the dates they make with "ago" / "from now" ("two days ago"), or with "in" in future-tense text ("in
/// two weeks").
/// </summary>
internal static class DurationRules
{
    public static void Scan(ScanContext context)
    {
        Amounts(context);
        VagueAmounts(context);
    }

    private static void Amounts(ScanContext context)
    {
        foreach (Match match in Patterns.Amount().Matches(context.Text))
        {
            var numberText = match.Groups["num"].Value;
            double? amount = Words.Number(numberText);
            if (amount is { } value && (match.Groups["halfa"].Success || match.Groups["halfb"].Success))
            {
                amount = value + 0.5;
            }

            var unit = Singular(match.Groups["unit"].Value);
            bool article = numberText.Equals("a", StringComparison.OrdinalIgnoreCase) || numberText.Equals("an", StringComparison.OrdinalIgnoreCase);
            if (article && unit == "second")
            {
                continue;
            }

            bool adjective = context.Text[match.Groups["unit"].Index - 1] == '-';
            bool approximate = match.Groups["approx"].Success || numberText.Contains("couple", StringComparison.OrdinalIgnoreCase);
            var dir = match.Groups["dir"];
            var rel = match.Groups["rel"];
            int end = match.Index + match.Length;
            if (dir.Success)
            {
                int from = ScanContext.StartOf(match, "num");
                bool back = dir.ValueSpan.Equals("ago", StringComparison.OrdinalIgnoreCase);
                AddOffsetDate(context, from, end, amount, unit, back, approximate);
                continue;
            }

            if (rel.Success && !adjective)
            {
                var relText = rel.Value.ToLowerInvariant();
                bool past = relText.Contains("past", StringComparison.Ordinal) || relText.Contains("last", StringComparison.Ordinal);
                if (relText.Contains("previous", StringComparison.Ordinal) || relText.Contains("following", StringComparison.Ordinal))
                {
                    AddDuration(context, rel.Index, end, amount, unit, approximate, 0.85f);
                }
                else if (amount is { } known)
                {
                    AddSpan(context, rel.Index, end, known, unit, past, approximate, 0.85f);
                }
                else
                {
                    AddDuration(context, rel.Index, end, amount, unit, approximate, 0.8f, past ? TimeExpressionTraits.PastRelative : TimeExpressionTraits.FutureRelative);
                }

                continue;
            }

            int start = ScanContext.StartOf(match, "num");
            if (IsRate(context, match, article))
            {
                context.Add(new Candidate
                {
                    Start = start,
                    End = end,
                    Type = TimeExpressionType.Set,
                    Value = DurationValue(1, unit),
                    Confidence = 0.75f,
                });
                continue;
            }

            if (context.WordBefore(ScanContext.StartOf(match, "approx", "num")).Equals("in", StringComparison.OrdinalIgnoreCase) && context.IsFuture(start, end))
            {
                AddOffsetDate(context, start, end, amount, unit, back: false, approximate, TimeExpressionTraits.DirectionFromTense);
                continue;
            }

            AddDuration(context, start, end, amount, unit, approximate, 0.9f);
        }
    }

    /// <summary>
    /// "a day" after an amount is a rate, a set: "1,984 cars a day", "$5 a month", "eight hours a day", "20 million hits
    /// a month" (a number, or a number and a plural noun, right before it; not "It comes a day after").
    /// </summary>
    private static bool IsRate(ScanContext context, Match match, bool article)
    {
        if (!article || match.Groups["approx"].Success || match.Groups["halfa"].Success || match.Groups["halfb"].Success || match.Groups["unit"].ValueSpan[^1] == 's')
        {
            return false;
        }

        int at = match.Groups["num"].Index;
        var before = context.WordBefore(at);
        if (IsAmount(before))
        {
            return true;
        }

        return Words.IsPluralNoun(before) && IsAmount(context.WordBefore(context.WordStartBefore(at)));
    }

    private static bool IsAmount(ReadOnlySpan<char> word) =>
        (word.Length > 0 && char.IsAsciiDigit(word[^1])) || Words.Number(word.ToString()) is not null
        || word.Equals("million", StringComparison.OrdinalIgnoreCase) || word.Equals("billion", StringComparison.OrdinalIgnoreCase)
        || word.Equals("several", StringComparison.OrdinalIgnoreCase) || word.Equals("many", StringComparison.OrdinalIgnoreCase);

    private static void VagueAmounts(ScanContext context)
    {
        foreach (Match match in Patterns.VagueAmount().Matches(context.Text))
        {
            var recent = match.Groups["recent"];
            int start = recent.Success ? recent.Index : match.Groups["what"].Index;
            var flags = recent.Success ? TimeExpressionTraits.PastRelative : TimeExpressionTraits.None;
            context.Add(new Candidate
            {
                Start = start,
                End = match.Index + match.Length,
                Type = TimeExpressionType.Duration,
                Value = DurationValue(null, Singular(match.Groups["what"].Value)),
                Flags = flags,
                Confidence = 0.75f,
            });
        }
    }

    /// <summary>
    /// A duration counted from the anchor: back over [anchor - amount, anchor), forward over [anchor, anchor + amount).
    /// Without an anchor the duration keeps its value and is flagged anchor_missing.
    /// </summary>
    public static void AddSpan(ScanContext context, int start, int end, double amount, string unit, bool back, bool approximate, float confidence)
    {
        var flags = (back ? TimeExpressionTraits.PastRelative : TimeExpressionTraits.FutureRelative) | (approximate ? TimeExpressionTraits.Approximate : TimeExpressionTraits.None);
        var value = DurationValue(amount, unit);
        if (context.Anchor is not { } anchor)
        {
            context.AddUnresolved(start, end, TimeExpressionType.Duration, value, confidence, flags);
            return;
        }

        if (!TryMove(anchor, amount, unit, back ? -1 : 1, out var other))
        {
            // Beyond the calendar ("10,000 years ago"): the length stands, with no interval.
            AddDuration(context, start, end, amount, unit, approximate, confidence, flags & ~TimeExpressionTraits.Approximate);
            return;
        }

        context.Add(new Candidate
        {
            Start = start,
            End = end,
            Type = TimeExpressionType.Duration,
            Value = value,
            Interval = back ? new TimeInterval(other, anchor) : new TimeInterval(anchor, other),
            Anchor = TimeAnchor.PublicationDate,
            Flags = flags,
            Confidence = confidence,
        });
    }

    private static void AddDuration(ScanContext context, int start, int end, double? amount, string unit, bool approximate, float confidence, TimeExpressionTraits flags = TimeExpressionTraits.None) =>
        context.Add(new Candidate
        {
            Start = start,
            End = end,
            Type = TimeExpressionType.Duration,
            Value = DurationValue(amount, unit),
            Flags = flags | (approximate ? TimeExpressionTraits.Approximate : TimeExpressionTraits.None),
            Confidence = confidence,
        });

    /// <summary>
    /// "two days ago" is the day two days before the anchor day; weeks give the ISO week, months the month, years
    /// (and decades, centuries) the year, hours and minutes the minute counted from the anchor instant. A vague amount
    /// ("a few years ago") gives PAST_REF / FUTURE_REF.
    /// </summary>
    private static void AddOffsetDate(ScanContext context, int start, int end, double? amount, string unit, bool back, bool approximate, TimeExpressionTraits extra = TimeExpressionTraits.None)
    {
        var direction = back ? TimeExpressionTraits.PastRelative : TimeExpressionTraits.FutureRelative;
        var flags = direction | extra | (approximate || unit is "decade" or "century" ? TimeExpressionTraits.Approximate : TimeExpressionTraits.None);
        bool clock = unit is "second" or "minute" or "hour";
        var type = clock ? TimeExpressionType.Time : TimeExpressionType.Date;
        int sign = back ? -1 : 1;
        DateTimeOffset moved = default;
        if (amount is not { } known || (context.Anchor is { } from && !TryMove(from, known, unit, sign, out moved)))
        {
            // A vague amount, or one that moves beyond the calendar ("10,000 years ago"): a reference to the past or future.
            context.Add(new Candidate
            {
                Start = start,
                End = end,
                Type = TimeExpressionType.Date,
                Value = back ? "PAST_REF" : "FUTURE_REF",
                Anchor = context.Anchor is null ? TimeAnchor.None : TimeAnchor.PublicationDate,
                Flags = flags,
                Confidence = 0.75f,
            });
            return;
        }

        if (context.Anchor is null)
        {
            var value = unit switch
            {
                "second" or "minute" or "hour" => "XXXX-XX-XXTXX:XX",
                "day" => "XXXX-XX-XX",
                "week" or "fortnight" => "XXXX-WXX",
                "month" => "XXXX-XX",
                _ => "XXXX",
            };
            context.AddUnresolved(start, end, type, value, 0.9f, flags, unit == "day" ? value : null);
            return;
        }

        if (clock)
        {
            var minute = new DateTimeOffset(moved.Year, moved.Month, moved.Day, moved.Hour, moved.Minute, 0, moved.Offset);
            context.Add(new Candidate
            {
                Start = start,
                End = end,
                Type = TimeExpressionType.Time,
                Value = minute.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                Interval = new TimeInterval(minute, minute.AddMinutes(1)),
                Anchor = TimeAnchor.PublicationDate,
                Flags = flags,
                Confidence = 0.85f,
            });
            return;
        }

        var day = DateOnly.FromDateTime(moved.DateTime);
        var period = unit switch
        {
            "day" => Period.Day(day),
            "week" or "fortnight" => Period.WeekOf(day),
            "month" => known % 1 == 0 ? Period.Month(day.Year, day.Month) : Period.Day(day),
            "year" when known % 1 != 0 => Period.Month(day.Year, day.Month),
            _ => Period.Year(day.Year),
        };
        context.AddRelative(start, end, period, PeriodPart.Whole, 0.9f, flags);
    }

    /// <summary>
    /// <see cref="Move"/>, or false when the instant falls outside the years 1-9999 (an amount from any text: "10,000
    /// years ago", "2024 centuries").
    /// </summary>
    private static bool TryMove(DateTimeOffset from, double amount, string unit, int sign, out DateTimeOffset moved)
    {
        try
        {
            moved = Move(from, amount, unit, sign);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            moved = default;
            return false;
        }
    }

    /// <summary>The instant <paramref name="amount"/> units from <paramref name="from"/> (fractions go to the next smaller unit).</summary>
    private static DateTimeOffset Move(DateTimeOffset from, double amount, string unit, int sign) => unit switch
    {
        "second" => from.AddSeconds(sign * amount),
        "minute" => from.AddMinutes(sign * amount),
        "hour" => from.AddHours(sign * amount),
        "day" => from.AddHours(Math.Round(sign * amount * 24)),
        "week" => from.AddHours(Math.Round(sign * amount * 7 * 24)),
        "fortnight" => from.AddHours(Math.Round(sign * amount * 14 * 24)),
        "month" => from.AddMonths(sign * (int)Math.Floor(amount)).AddDays(sign * Math.Round((amount % 1) * 30)),
        "year" => from.AddMonths(sign * (int)Math.Round(amount * 12)),
        "decade" => from.AddYears(sign * (int)Math.Round(amount * 10)),
        _ => from.AddYears(sign * (int)Math.Round(amount * 100)),
    };

    /// <summary>
    /// The ISO 8601 duration: P2D, PT3H, P1W, P10Y; fractions go into the next smaller unit (P1Y6M, PT1H30M, PT30M);
    /// decades and centuries count in years (P10Y); a vague amount gives X (PXY, PTXH, PXDE for "several decades").
    /// </summary>
    public static string DurationValue(double? amount, string unit)
    {
        if (amount is not { } value)
        {
            return unit switch
            {
                "second" => "PTXS",
                "minute" => "PTXM",
                "hour" => "PTXH",
                "day" => "PXD",
                "week" or "fortnight" => "PXW",
                "month" => "PXM",
                "decade" => "PXDE",
                "century" => "PXCE",
                _ => "PXY",
            };
        }

        return unit switch
        {
            "second" => "PT" + Number(value) + "S",
            "minute" => Split("PT", value, "M", 60, "S"),
            "hour" => Split("PT", value, "H", 60, "M"),
            "day" => value % 1 == 0 ? "P" + Number(value) + "D" : Split("P", value, "D", 24, "TH"),
            "week" => value % 1 == 0 ? "P" + Number(value) + "W" : DurationValue(value * 7, "day"),
            "fortnight" => "P" + Number(value * 2) + "W",
            "month" => Split("P", value, "M", 30, "D"),
            "decade" => Split("P", value * 10, "Y", 12, "M"),
            "century" => Split("P", value * 100, "Y", 12, "M"),
            _ => Split("P", value, "Y", 12, "M"),
        };
    }

    public static string Singular(string unit)
    {
        var lower = unit.ToLowerInvariant();
        return lower switch
        {
            "centuries" => "century",
            _ when lower.EndsWith('s') => lower[..^1],
            _ => lower,
        };
    }

    /// <summary>Whole units then the fraction in the smaller unit: Split("PT", 1.5, "H", 60, "M") = PT1H30M; a smaller unit starting with T adds the time designator.</summary>
    private static string Split(string prefix, double value, string unitCode, int smallerPerUnit, string smallerCode)
    {
        double whole = Math.Floor(value);
        double rest = Math.Round((value - whole) * smallerPerUnit, 3);
        var text = new StringBuilder(prefix);
        if (whole > 0 || rest == 0)
        {
            text.Append(Number(whole)).Append(unitCode);
        }

        if (rest > 0)
        {
            if (smallerCode.StartsWith('T'))
            {
                text.Append('T').Append(Number(rest)).Append(smallerCode.AsSpan(1));
            }
            else
            {
                text.Append(Number(rest)).Append(smallerCode);
            }
        }

        return text.ToString();
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
