using System.Collections.Frozen;

namespace Storytelling.Nlp.Entities.Rules.Internal;

/// <summary>The word tables of the numeric and temporal rules (case-insensitive).</summary>
internal static class RuleWords
{
    public static readonly Lookup Months = new("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december");

    public static readonly Lookup MonthAbbreviations = new("jan", "jan.", "feb", "feb.", "mar.", "apr", "apr.", "jun.", "jul.", "aug", "aug.", "sep", "sep.", "sept", "sept.", "oct", "oct.", "nov", "nov.", "dec", "dec.");

    public static readonly Lookup Weekdays = new("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    public static readonly Lookup WeekdayAbbreviations = new("mon.", "tue.", "tues.", "wed.", "thu.", "thur.", "thurs.", "fri.", "sat.", "sun.");

    public static readonly Lookup Seasons = new("spring", "summer", "autumn", "fall", "winter");

    /// <summary>Words that, after last/next/this/past..., make a date: "last week", "this year", "next Monday".</summary>
    public static readonly Lookup RelativeUnits = new("week", "month", "year", "weekend", "decade", "century", "quarter", "season", "spring", "summer", "autumn", "fall", "winter");

    public static readonly Lookup RelativeModifiers = new("last", "next", "this", "past", "coming", "previous", "following");

    public static readonly Lookup DateWords = new("today", "yesterday", "tomorrow");

    public static readonly Lookup DurationUnits = new("day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades", "century", "centuries", "weekend", "weekends", "quarter", "quarters");

    public static readonly Lookup AgoWords = new("ago", "earlier", "later", "old", "long");

    public static readonly Lookup EraModifiers = new("early", "mid", "mid-", "late");

    /// <summary>A preceding word that makes a bare four-digit number a year even before a noun ("in 2024 elections").</summary>
    public static readonly Lookup YearContext = new("in", "since", "until", "till", "by", "from", "to", "of", "during", "before", "after", "through", "between", "and", "early", "late", "mid", "around", "circa", "fiscal", "spring", "summer", "autumn", "fall", "winter", "year", "the", ",", "(");

    public static readonly Lookup MayContext = new("in", "since", "until", "till", "by", "from", "of", "during", "before", "after", "through", "early", "late", "mid", "last", "next", "this", "since");

    public static readonly Lookup TimeWords = new("noon", "midnight", "tonight", "midday");

    public static readonly Lookup DayParts = new("morning", "afternoon", "evening", "night");

    public static readonly Lookup DayPartModifiers = new("this", "yesterday", "tomorrow", "last", "tonight");

    public static readonly Lookup Meridiem = new("am", "pm", "a.m.", "p.m.", "a.m", "p.m", "o'clock");

    public static readonly Lookup TimeZones = new("gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "pt", "ist", "jst", "aest", "msk");

    public static readonly Lookup NumberWords = new(
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
        "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen", "dozens", "hundreds",
        "thousands", "millions", "billions");

    public static readonly Lookup Scales = new("hundred", "thousand", "million", "billion", "trillion", "bn", "mn", "mln", "tn");

    /// <summary>"one" is a pronoun after these ("the one", "no one", "each one").</summary>
    public static readonly Lookup OnePronounContext = new("the", "this", "that", "no", "any", "every", "each", "which", "some", "another", "someone", "little", "only", "last", "big", "new", "old", "right", "wrong");

    public static readonly Lookup Ordinals = new(
        "first", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
        "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
        "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth", "hundredth", "thousandth", "millionth");

    public static readonly Lookup CurrencySymbols = new("$", "€", "£", "¥", "₹", "₩", "₽", "₺", "us$", "a$", "c$", "hk$", "s$", "nz$", "r$");

    public static readonly Lookup CurrencyCodes = new("usd", "eur", "gbp", "jpy", "chf", "cny", "rmb", "inr", "aud", "cad", "hkd", "sgd", "rub", "brl", "krw", "sek", "nok", "dkk", "zar", "mxn", "try");

    public static readonly Lookup CurrencyWords = new(
        "dollar", "dollars", "euro", "euros", "yen", "yuan", "renminbi", "cent", "cents", "pence", "penny", "franc", "francs",
        "rupee", "rupees", "ruble", "rubles", "rouble", "roubles", "peso", "pesos", "rand", "shekel", "shekels", "lira", "liras",
        "krona", "kronor", "krone", "kroner", "dinar", "dinars", "riyal", "riyals", "dirham", "dirhams", "naira", "sterling", "bitcoin", "bitcoins");

    public static readonly Lookup CurrencyNationalities = new("us", "u.s.", "american", "canadian", "australian", "singapore", "taiwan", "hong", "kong", "new", "zealand", "mexican");

    public static readonly Lookup PercentWords = new("%", "percent", "pct", "per-cent");

    public static readonly Lookup Units = new(
        "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mi", "mile", "miles", "m", "metre", "metres", "meter",
        "meters", "cm", "centimetres", "centimeters", "mm", "millimetres", "millimeters", "ft", "feet", "foot", "inch", "inches",
        "yard", "yards", "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "g", "gram", "grams", "mg", "milligrams", "lb",
        "lbs", "pound", "pounds", "ounce", "ounces", "oz", "ton", "tons", "tonne", "tonnes", "litre", "litres", "liter", "liters",
        "ml", "gallon", "gallons", "barrel", "barrels", "acre", "acres", "hectare", "hectares", "degree", "degrees", "°c", "°f",
        "mph", "kph", "km/h", "knots", "megawatts", "gigawatts", "kilowatts", "watts", "mw", "gw", "kw", "kwh", "mwh", "gwh", "twh",
        "calories", "kcal", "volts", "kv", "bpd", "decibels", "db", "nautical");

    public static readonly Lookup AreaPrefixes = new("square", "sq", "cubic");

    public static readonly Lookup TemperatureScales = new("celsius", "fahrenheit", "c", "f", "centigrade");

    public static readonly string[] GluedUnits =
        ["km", "kms", "m", "cm", "mm", "kg", "g", "mg", "lb", "lbs", "ft", "mi", "mph", "kph", "°c", "°f", "°", "mw", "gw", "kw", "kwh", "ml", "l", "t", "oz"];

    public static readonly string[] GluedScales = ["bn", "m", "mn", "k", "tn", "b"];

    /// <summary>A case-insensitive word set looked up by span.</summary>
    internal sealed class Lookup
    {
        private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

        public Lookup(params string[] words) =>
            lookup = words.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

        public bool Contains(ReadOnlySpan<char> word) => lookup.Contains(word);
    }
}
