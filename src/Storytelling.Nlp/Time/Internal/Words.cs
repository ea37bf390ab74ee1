using System.Collections.Frozen;
using System.Globalization;

namespace Storytelling.Nlp.Time.Internal;

/// <summary>Word tables: month and weekday names, number words, duration units, time zones.</summary>
internal static class Words
{
    private static readonly FrozenDictionary<string, double> NumberWords = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
        ["hundred"] = 100,
        ["thousand"] = 1000,
        ["dozen"] = 12,
        ["couple"] = 2,
        ["half"] = 0.5,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, TimeSpan?> Zones = new Dictionary<string, TimeSpan?>(StringComparer.Ordinal)
    {
        ["GMT"] = TimeSpan.Zero,
        ["UTC"] = TimeSpan.Zero,
        ["Z"] = TimeSpan.Zero,
        ["WET"] = TimeSpan.Zero,
        ["BST"] = TimeSpan.FromHours(1),
        ["CET"] = TimeSpan.FromHours(1),
        ["WEST"] = TimeSpan.FromHours(1),
        ["CEST"] = TimeSpan.FromHours(2),
        ["EET"] = TimeSpan.FromHours(2),
        ["EEST"] = TimeSpan.FromHours(3),
        ["EST"] = TimeSpan.FromHours(-5),
        ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6),
        ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7),
        ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8),
        ["PDT"] = TimeSpan.FromHours(-7),
        ["JST"] = TimeSpan.FromHours(9),
        ["AEST"] = TimeSpan.FromHours(10),
        ["AEDT"] = TimeSpan.FromHours(11),
        ["ET"] = null,
        ["CT"] = null,
        ["MT"] = null,
        ["PT"] = null,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NotPlural = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "was", "has", "is", "this", "its", "his", "hers", "ours", "yours", "theirs", "as", "us", "thus", "yes", "plus", "across", "less",
        "unless", "perhaps", "always", "afterwards", "towards", "news", "series", "bus", "gas", "does", "goes", "says");

    private static readonly FrozenSet<string> IrregularPlurals = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "people", "men", "women", "children", "police", "staff", "cattle", "sheep", "fish", "deer", "personnel", "feet", "teeth", "mice");

    /// <summary>A lowercase word that looks like a plural noun ("votes", "people"): what a count, not a year, stands before.</summary>
    public static bool IsPluralNoun(ReadOnlySpan<char> word)
    {
        if (word.Length < 3 || !char.IsLower(word[0]))
        {
            return false;
        }

        return IrregularPlurals.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word)
            || (word[^1] == 's' && word[^2] != 's' && !NotPlural.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word));
    }

    /// <summary>1-12 from a full or abbreviated English month name ("March", "Sept.").</summary>
    public static int Month(ReadOnlySpan<char> name)
    {
        if (name.Length < 3)
        {
            throw new ArgumentException($"'{name}' is not a month name.", nameof(name));
        }

        return char.ToLowerInvariant(name[0]) switch
        {
            'j' => char.ToLowerInvariant(name[1]) == 'a' ? 1 : char.ToLowerInvariant(name[2]) == 'n' ? 6 : 7,
            'f' => 2,
            'm' => char.ToLowerInvariant(name[2]) == 'r' ? 3 : 5,
            'a' => char.ToLowerInvariant(name[1]) == 'p' ? 4 : 8,
            's' => 9,
            'o' => 10,
            'n' => 11,
            'd' => 12,
            _ => throw new ArgumentException($"'{name}' is not a month name.", nameof(name)),
        };
    }

    /// <summary>ISO day number, Monday 1 to Sunday 7, from an English weekday name.</summary>
    public static int Weekday(ReadOnlySpan<char> name) => char.ToLowerInvariant(name[0]) switch
    {
        'm' => 1,
        't' => char.ToLowerInvariant(name[1]) == 'u' ? 2 : 4,
        'w' => 3,
        'f' => 5,
        's' => char.ToLowerInvariant(name[1]) == 'a' ? 6 : 7,
        _ => throw new ArgumentException($"'{name}' is not a weekday name.", nameof(name)),
    };

    /// <summary>0 spring, 1 summer, 2 autumn (fall), 3 winter.</summary>
    public static int Season(ReadOnlySpan<char> name) => char.ToLowerInvariant(name[0]) switch
    {
        's' => char.ToLowerInvariant(name[1]) == 'p' ? 0 : 1,
        'a' or 'f' => 2,
        'w' => 3,
        _ => throw new ArgumentException($"'{name}' is not a season name.", nameof(name)),
    };

    /// <summary>
    /// The amount a number phrase gives: digits ("10", "1,000", "1.5"), words ("twenty-four", "a", "a dozen",
    /// "half an"), or null for vague amounts ("several", "a few", "many") and for anything else.
    /// </summary>
    public static double? Number(string phrase)
    {
        var text = phrase.Trim();
        if (text.Length > 0 && char.IsAsciiDigit(text[0]))
        {
            // Any word may be asked ("90s", "3rd", "12:30" before "a day"): what is not a plain number is no amount.
            return double.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                ? number
                : null;
        }

        double sum = 0;
        bool article = false;
        foreach (var part in text.Split([' ', '-', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("of", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (part.Equals("a", StringComparison.OrdinalIgnoreCase) || part.Equals("an", StringComparison.OrdinalIgnoreCase))
            {
                article = true;
                continue;
            }

            if (!NumberWords.TryGetValue(part, out double value))
            {
                return null;
            }

            if (value == 0.5)
            {
                return 0.5;
            }

            sum = value is 100 or 1000 ? Math.Max(sum, 1) * value : sum + value;
        }

        return sum > 0 ? sum : article ? 1 : null;
    }

    /// <summary>The UTC offset a zone names ("EST", "GMT+02:00", "UTC-5"); null for zones without a fixed offset (ET, PT) and "local time".</summary>
    public static TimeSpan? ZoneOffset(string zone)
    {
        var name = zone.Trim();
        if (name.Length <= 3 || !(name.StartsWith("GMT", StringComparison.Ordinal) || name.StartsWith("UTC", StringComparison.Ordinal)))
        {
            return Zones.GetValueOrDefault(name);
        }

        var digits = name.AsSpan(4).ToString().Replace(":", string.Empty, StringComparison.Ordinal);
        int hours = int.Parse(digits.AsSpan(0, digits.Length > 2 ? digits.Length - 2 : digits.Length), CultureInfo.InvariantCulture);
        int minutes = digits.Length > 2 ? int.Parse(digits.AsSpan(digits.Length - 2), CultureInfo.InvariantCulture) : 0;
        var offset = new TimeSpan(hours, minutes, 0);
        return name[3] == '-' ? -offset : offset;
    }

    /// <summary>The TIMEX3 part-of-day code: MO, AF, EV, NI.</summary>
    public static string PartOfDay(ReadOnlySpan<char> word) => char.ToLowerInvariant(word[0]) switch
    {
        'm' => "MO",
        'a' => "AF",
        'e' => "EV",
        _ => "NI",
    };

    /// <summary>The hours a part of day covers: morning 06-12, afternoon 12-18, evening 18-24, night 18-06 (into the next day).</summary>
    public static (int FromHour, int Hours) PartOfDayHours(string code) => code switch
    {
        "MO" => (6, 6),
        "AF" => (12, 6),
        "EV" => (18, 6),
        _ => (18, 12),
    };
}
