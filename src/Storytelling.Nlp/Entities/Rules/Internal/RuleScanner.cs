using System.Globalization;
using W = Storytelling.Nlp.Entities.Rules.Internal.RuleWords;

namespace Storytelling.Nlp.Entities.Rules.Internal;

/// <summary>Scans one sentence's tokens [start, end) for numeric and temporal entities; every matcher returns the exclusive end token of its match, or -1.</summary>
internal readonly ref struct RuleScanner(Document document, int start, int end)
{
    private readonly Document document = document;
    private readonly int start = start;
    private readonly int end = end;

    public void Scan(List<EntitySpan> spans)
    {
        int i = start;
        while (i < end)
        {
            if (!MayStart(Text(i)))
            {
                i++;
                continue;
            }

            int best = -1;
            string? type = null;
            Consider(TimeAt(i), NumericEntityRules.Time, ref best, ref type);
            Consider(MoneyAt(i), NumericEntityRules.Money, ref best, ref type);
            Consider(PercentAt(i), NumericEntityRules.Percent, ref best, ref type);
            Consider(DateAt(i), NumericEntityRules.Date, ref best, ref type);
            Consider(QuantityAt(i), NumericEntityRules.Quantity, ref best, ref type);
            Consider(OrdinalAt(i), NumericEntityRules.Ordinal, ref best, ref type);
            Consider(CardinalAt(i), NumericEntityRules.Cardinal, ref best, ref type);
            if (best > i)
            {
                spans.Add(EntitySpan.Create(document, i, best, type!));
                i = best;
            }
            else
            {
                i++;
            }
        }
    }

    private static void Consider(int candidate, string candidateType, ref int best, ref string? type)
    {
        if (candidate > best)
        {
            best = candidate;
            type = candidateType;
        }
    }

    private ReadOnlySpan<char> Text(int i) => i >= start && i < end ? document.TokenText(i) : [];

    private bool Is(int i, string word) => Text(i).Equals(word, StringComparison.OrdinalIgnoreCase);

    private static bool MayStart(ReadOnlySpan<char> t) =>
        t.Length > 0 && (char.IsAsciiDigit(t[0]) || t[0] is '$' or '€' or '£' or '¥' or '₹' or '₩' or '₽' or '₺' or '\'' or '.' or '+' or '-'
            || char.IsLetter(t[0]));

    // ---- numbers ----

    /// <summary>A number in digits: 5, 1,200, 3.5, .5, +3, -3.5, and ranges such as 3-4.</summary>
    private static bool IsNumeric(ReadOnlySpan<char> t)
    {
        if (t.Length > 0 && (t[0] == '+' || t[0] == '-'))
        {
            t = t[1..];
        }

        if (t.IsEmpty)
        {
            return false;
        }

        int dash = t.IndexOfAny('-', '–');
        if (dash > 0 && dash < t.Length - 1)
        {
            return IsNumeric(t[..dash]) && IsNumeric(t[(dash + 1)..]);
        }

        bool digit = false, point = false;
        for (int k = 0; k < t.Length; k++)
        {
            char c = t[k];
            if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else if (c == ',' && digit && !point && HasThreeDigits(t, k + 1))
            {
                continue;
            }
            else if (c == '.' && !point && k + 1 < t.Length)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }

        return digit;
    }

    private static bool HasThreeDigits(ReadOnlySpan<char> t, int from) =>
        from + 3 <= t.Length && char.IsAsciiDigit(t[from]) && char.IsAsciiDigit(t[from + 1]) && char.IsAsciiDigit(t[from + 2])
        && (from + 3 == t.Length || !char.IsAsciiDigit(t[from + 3]));

    private static bool IsInteger(ReadOnlySpan<char> t, int min, int max) =>
        t.Length is > 0 and <= 4 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max;

    private static bool IsYear(ReadOnlySpan<char> t) => t.Length == 4 && IsInteger(t, 1000, 2199);

    /// <summary>A number written with words: "three", "twenty - five", "two hundred and fifty".</summary>
    private int NumberWordsAt(int i)
    {
        if (!W.NumberWords.Contains(Text(i)))
        {
            return -1;
        }

        int j = i + 1;
        while (j < end)
        {
            if (W.NumberWords.Contains(Text(j)))
            {
                j++;
            }
            else if ((Is(j, "-") || Is(j, "and")) && W.NumberWords.Contains(Text(j + 1)) && !W.Scales.Contains(Text(j + 1)))
            {
                j += 2;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    /// <summary>A number in digits or words followed by optional scale words ("2.5 million", "five hundred thousand").</summary>
    private int NumberAt(int i)
    {
        int j;
        if (IsNumeric(Text(i)))
        {
            j = i + 1;
        }
        else
        {
            j = NumberWordsAt(i);
            if (j < 0)
            {
                return -1;
            }
        }

        while (j < end && W.Scales.Contains(Text(j)))
        {
            j++;
        }

        return j;
    }

    /// <summary>A token that is a number with a glued suffix from <paramref name="suffixes"/>: "3bn", "20km", "5kg".</summary>
    private static bool IsNumberWithSuffix(ReadOnlySpan<char> t, string[] suffixes)
    {
        foreach (string suffix in suffixes)
        {
            if (t.Length > suffix.Length && t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && IsNumeric(t[..^suffix.Length]))
            {
                return true;
            }
        }

        return false;
    }

    // ---- MONEY ----

    private int MoneyAt(int i)
    {
        var t = Text(i);
        if (W.CurrencySymbols.Contains(t) || W.CurrencyCodes.Contains(t))
        {
            if (IsNumberWithSuffix(Text(i + 1), W.GluedScales))
            {
                return Scales(i + 2);
            }

            return NumberAt(i + 1);
        }

        int symbol = CurrencyPrefixLength(t);
        if (symbol > 0)
        {
            var rest = t[symbol..];
            if (IsNumeric(rest) || IsNumberWithSuffix(rest, W.GluedScales))
            {
                return Scales(i + 1);
            }
        }

        int j = IsNumberWithSuffix(t, W.GluedScales) ? Scales(i + 1) : NumberAt(i);
        if (j < 0)
        {
            return -1;
        }

        if (W.CurrencyWords.Contains(Text(j)) || W.CurrencyCodes.Contains(Text(j)))
        {
            return W.CurrencyWords.Contains(Text(j + 1)) ? j + 2 : j + 1;
        }

        int k = j;
        while (k < j + 2 && W.CurrencyNationalities.Contains(Text(k)))
        {
            k++;
        }

        return k > j && W.CurrencyWords.Contains(Text(k)) ? k + 1 : -1;
    }

    private int Scales(int j)
    {
        while (j < end && W.Scales.Contains(Text(j)))
        {
            j++;
        }

        return j;
    }

    private static int CurrencyPrefixLength(ReadOnlySpan<char> t)
    {
        if (t.Length < 2)
        {
            return 0;
        }

        if (t[0] is '$' or '€' or '£' or '¥' or '₹' or '₩' or '₽' or '₺')
        {
            return 1;
        }

        int dollar = t.IndexOf('$');
        return dollar is > 0 and <= 2 && t[..dollar].ToString().All(char.IsAsciiLetterUpper) ? dollar + 1 : 0;
    }

    // ---- PERCENT ----

    private int PercentAt(int i)
    {
        var t = Text(i);
        if (t.Length > 1 && t[^1] == '%' && IsNumeric(t[..^1]))
        {
            return i + 1;
        }

        int j = NumberAt(i);
        if (j < 0)
        {
            return -1;
        }

        if (W.PercentWords.Contains(Text(j)))
        {
            return j + 1;
        }

        if (Is(j, "per") && Is(j + 1, "cent"))
        {
            return j + 2;
        }

        return Is(j, "percentage") && (Is(j + 1, "points") || Is(j + 1, "point")) ? j + 2 : -1;
    }

    // ---- TIME ----

    private int TimeAt(int i)
    {
        var t = Text(i);
        if (W.TimeWords.Contains(t))
        {
            return i + 1;
        }

        if (W.DayPartModifiers.Contains(t) && W.DayParts.Contains(Text(i + 1)))
        {
            return i + 2;
        }

        if (IsClock(t, out bool glued))
        {
            int j = i + 1;
            if (!glued && W.Meridiem.Contains(Text(j)))
            {
                j++;
            }

            return W.TimeZones.Contains(Text(j)) ? j + 1 : j;
        }

        if (IsInteger(t, 1, 12) && W.Meridiem.Contains(Text(i + 1)))
        {
            return W.TimeZones.Contains(Text(i + 2)) ? i + 3 : i + 2;
        }

        if (IsInteger(t, 1, 12) && Is(i + 1, "o'clock"))
        {
            return i + 2;
        }

        return -1;
    }

    /// <summary>10:30, 10:30:15, 10:30am, 7am, 7pm, 8.30am (a dot only with am/pm glued).</summary>
    private static bool IsClock(ReadOnlySpan<char> t, out bool gluedMeridiem)
    {
        gluedMeridiem = false;
        foreach (string suffix in (ReadOnlySpan<string>)["am", "pm", "a.m.", "p.m."])
        {
            if (t.Length > suffix.Length && t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                var clock = t[..^suffix.Length];
                if (IsInteger(clock, 1, 12) || IsHoursMinutes(clock, allowDot: true))
                {
                    gluedMeridiem = true;
                    return true;
                }
            }
        }

        return IsHoursMinutes(t, allowDot: false);
    }

    private static bool IsHoursMinutes(ReadOnlySpan<char> t, bool allowDot)
    {
        int colon = t.IndexOfAny(':', allowDot ? '.' : ':');
        if (colon is < 1 or > 2 || !IsInteger(t[..colon], 0, 24))
        {
            return false;
        }

        var rest = t[(colon + 1)..];
        return rest.Length == 2 ? IsInteger(rest, 0, 59)
            : rest.Length == 5 && rest[2] == ':' && IsInteger(rest[..2], 0, 59) && IsInteger(rest[3..], 0, 60);
    }

    // ---- DATE ----

    private int DateAt(int i)
    {
        var t = Text(i);
        if (Is(i, "the"))
        {
            int j = i + 1;
            if (W.EraModifiers.Contains(Text(j)))
            {
                j++;
            }

            int decade = IsDecade(Text(j)) ? j + 1 : -1;
            if (decade > 0)
            {
                return decade;
            }

            int dayFirst = DayMonthAt(i + 1);
            if (dayFirst > 0)
            {
                return dayFirst;
            }

            if (W.RelativeModifiers.Contains(Text(i + 1)))
            {
                int number = NumberAt(i + 2);
                int unit = number > 0 ? number : i + 2;
                return W.DurationUnits.Contains(Text(unit)) ? unit + 1 : -1;
            }

            return -1;
        }

        if (W.EraModifiers.Contains(t))
        {
            int inner = DateCoreAt(i + 1);
            return inner > 0 ? inner : -1;
        }

        if (t.Length > 4 && t.StartsWith("mid-", StringComparison.OrdinalIgnoreCase))
        {
            var rest = t[4..];
            return IsYear(rest) || IsDecade(rest) || W.Months.Contains(rest) ? YearAfter(i + 1) : -1;
        }

        int core = DateCoreAt(i);
        if (core > 0)
        {
            return core;
        }

        if (W.RelativeModifiers.Contains(t))
        {
            var next = Text(i + 1);
            return W.RelativeUnits.Contains(next) || W.Weekdays.Contains(next) || W.Months.Contains(next) ? i + 2 : -1;
        }

        if (W.DateWords.Contains(t))
        {
            return i + 1;
        }

        int amount = NumberAt(i);
        if (amount < 0 && (Is(i, "a") || Is(i, "an") || Is(i, "several") || Is(i, "few")) && W.AgoWords.Contains(Text(i + 2)) && !Is(i + 2, "old") && !Is(i + 2, "long"))
        {
            amount = i + 1;
        }

        if (amount > 0 && W.DurationUnits.Contains(Text(amount)))
        {
            return W.AgoWords.Contains(Text(amount + 1)) && !Is(amount + 1, "long") ? amount + 2 : amount + 1;
        }

        return -1;
    }

    /// <summary>Absolute dates: ISO and slash dates, decades, weekday [, month day [, year]], month day [, year], day month [year], years.</summary>
    private int DateCoreAt(int i)
    {
        var t = Text(i);
        if (IsNumericDate(t) || IsDecade(t) || IsYearRange(t))
        {
            return i + 1;
        }

        if (W.Weekdays.Contains(t) || W.WeekdayAbbreviations.Contains(t))
        {
            int j = i + 1;
            int comma = Is(j, ",") ? j + 1 : j;
            int monthDay = MonthDayAt(comma);
            if (monthDay > 0)
            {
                return monthDay;
            }

            int dayMonth = DayMonthAt(comma);
            return dayMonth > 0 ? dayMonth : W.Weekdays.Contains(t) ? j : -1;
        }

        int date = MonthDayAt(i);
        if (date > 0)
        {
            return date;
        }

        date = DayMonthAt(i);
        if (date > 0)
        {
            return date;
        }

        if (W.Seasons.Contains(t) && IsYear(Text(i + 1)))
        {
            return i + 2;
        }

        if (IsYear(t) && IsYearContext(i))
        {
            return i + 1;
        }

        return -1;
    }

    /// <summary>A bare year counts unless a noun follows and no date-introducing word precedes ("2000 people").</summary>
    private bool IsYearContext(int i)
    {
        if (i + 1 < end && document.Upos[i + 1] is "NOUN" or "PROPN" && !Text(i + 1).Equals(",", StringComparison.Ordinal))
        {
            return i > start && W.YearContext.Contains(Text(i - 1));
        }

        return true;
    }

    /// <summary>Month [day[,] [year]] | month year | month (a full month name, capitalised; "May" only after "in", "since", ...).</summary>
    private int MonthDayAt(int i)
    {
        var t = Text(i);
        bool full = W.Months.Contains(t);
        if (!full && !W.MonthAbbreviations.Contains(t))
        {
            return -1;
        }

        int j = i + 1;
        if (IsDay(Text(j)))
        {
            int dayEnd = j + 1;
            if (Is(dayEnd, ",") && IsYear(Text(dayEnd + 1)))
            {
                return dayEnd + 2;
            }

            return IsYear(Text(dayEnd)) ? dayEnd + 1 : dayEnd;
        }

        if (IsYear(Text(j)))
        {
            return j + 1;
        }

        if (Is(j, "of") && IsYear(Text(j + 1)))
        {
            return j + 2;
        }

        if (!full || !char.IsUpper(t[0]))
        {
            return -1;
        }

        bool ambiguous = t.Equals("may", StringComparison.OrdinalIgnoreCase) || t.Equals("march", StringComparison.OrdinalIgnoreCase);
        return !ambiguous || (i > start && W.MayContext.Contains(Text(i - 1))) ? j : -1;
    }

    /// <summary>Day [of] month [[,] year]: "5 March 2024", "5th of March".</summary>
    private int DayMonthAt(int i)
    {
        if (!IsDay(Text(i)))
        {
            return -1;
        }

        int j = Is(i + 1, "of") ? i + 2 : i + 1;
        var month = Text(j);
        if (!W.Months.Contains(month) && !W.MonthAbbreviations.Contains(month))
        {
            return -1;
        }

        return YearAfter(j + 1);
    }

    private int YearAfter(int j)
    {
        if (Is(j, ",") && IsYear(Text(j + 1)))
        {
            return j + 2;
        }

        return IsYear(Text(j)) ? j + 1 : j;
    }

    private static bool IsDay(ReadOnlySpan<char> t)
    {
        if (t.Length >= 3 && (t.EndsWith("st", StringComparison.OrdinalIgnoreCase) || t.EndsWith("nd", StringComparison.OrdinalIgnoreCase)
            || t.EndsWith("rd", StringComparison.OrdinalIgnoreCase) || t.EndsWith("th", StringComparison.OrdinalIgnoreCase)))
        {
            t = t[..^2];
        }

        return t.Length <= 2 && IsInteger(t, 1, 31);
    }

    /// <summary>2024-03-05, 2024/03/05, 5/3/2024, 05.03.2024, 5/3/24.</summary>
    private static bool IsNumericDate(ReadOnlySpan<char> t)
    {
        if (t.Length is < 6 or > 10)
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[4];
        char separator = t.Contains('-') ? '-' : t.Contains('/') ? '/' : '.';
        int count = t.Split(parts, separator);
        if (count != 3)
        {
            return false;
        }

        var a = t[parts[0]];
        var b = t[parts[1]];
        var c = t[parts[2]];
        if (a.Length == 4)
        {
            return IsYear(a) && IsInteger(b, 1, 12) && b.Length <= 2 && IsInteger(c, 1, 31) && c.Length <= 2;
        }

        if (separator == '-' || a.Length > 2 || b.Length > 2)
        {
            return false;
        }

        return IsInteger(a, 1, 31) && IsInteger(b, 1, 31) && (c.Length == 2 ? IsInteger(c, 0, 99) : IsYear(c));
    }

    /// <summary>1990s, 1990's, '90s, 90s (two digits only with the apostrophe).</summary>
    private static bool IsDecade(ReadOnlySpan<char> t)
    {
        if (t.EndsWith("'s", StringComparison.Ordinal) || t.EndsWith("’s", StringComparison.Ordinal))
        {
            t = t[..^2];
        }
        else if (t.EndsWith('s'))
        {
            t = t[..^1];
        }
        else
        {
            return false;
        }

        if (t.Length == 4)
        {
            return IsYear(t) && t[3] == '0';
        }

        return t.Length == 3 && t[0] is '\'' or '’' && char.IsAsciiDigit(t[1]) && t[2] == '0';
    }

    /// <summary>2019-2020, 2019-20, 1939–45.</summary>
    private static bool IsYearRange(ReadOnlySpan<char> t)
    {
        int dash = t.IndexOfAny('-', '–');
        return dash == 4 && IsYear(t[..4]) && (t.Length == 7 || t.Length == 9) && IsInteger(t[5..], 0, 2199);
    }

    // ---- QUANTITY ----

    private int QuantityAt(int i)
    {
        var t = Text(i);
        if (IsNumberWithSuffix(t, W.GluedUnits))
        {
            return i + 1;
        }

        int j = NumberAt(i);
        if (j < 0)
        {
            return -1;
        }

        if (Is(j, "-") && W.Units.Contains(Text(j + 1)))
        {
            j++;
        }

        if (W.AreaPrefixes.Contains(Text(j)) && W.Units.Contains(Text(j + 1)))
        {
            return j + 2;
        }

        if (Is(j, "light") && Is(j + 1, "years"))
        {
            return j + 2;
        }

        if (!W.Units.Contains(Text(j)))
        {
            return -1;
        }

        if ((Is(j, "km") || Is(j, "miles")) && Is(j + 1, "/") && (Is(j + 2, "h") || Is(j + 2, "hr")))
        {
            return j + 3;
        }

        if ((Is(j, "degrees") || Is(j, "degree")) && W.TemperatureScales.Contains(Text(j + 1)))
        {
            return j + 2;
        }

        if (Is(j, "m") && !IsNumeric(t))
        {
            return -1;
        }

        return j + 1;
    }

    // ---- ORDINAL, CARDINAL ----

    private int OrdinalAt(int i)
    {
        var t = Text(i);
        if (W.Ordinals.Contains(t))
        {
            return i + 1;
        }

        if (Is(i, "second") && i > start && Is(i - 1, "the"))
        {
            return i + 1;
        }

        if (t.Length >= 3 && char.IsAsciiDigit(t[0]))
        {
            var suffix = t[^2..];
            bool ordinalSuffix = suffix.Equals("st", StringComparison.OrdinalIgnoreCase) || suffix.Equals("nd", StringComparison.OrdinalIgnoreCase)
                || suffix.Equals("rd", StringComparison.OrdinalIgnoreCase) || suffix.Equals("th", StringComparison.OrdinalIgnoreCase);
            return ordinalSuffix && IsInteger(t[..^2], 0, 9999) ? i + 1 : -1;
        }

        return -1;
    }

    private int CardinalAt(int i)
    {
        if (Is(i, "one") && ((i > start && W.OnePronounContext.Contains(Text(i - 1))) || Is(i + 1, "another")))
        {
            return -1;
        }

        return NumberAt(i);
    }
}
