using System.Text.RegularExpressions;

namespace Storytelling.Nlp.Time.Internal;

/// <summary>
/// The recognizer's regular expressions, compiled at build time by the regex source generator. Month and weekday names
/// match case-sensitively (capitalized), so "may" and "march" as verbs never start a match; everything else ignores case.
/// Each pattern starts with the word it cannot do without (a month name, a digit, a unit) and reads the words before it
/// ("in", "last", "early", "three") in a lookbehind placed right after that word, which re-reads the word and captures
/// what precedes it. The engine thus searches for the word alone and tries the context only where the word is: tens of
/// times faster than patterns that start with optional words. A match's index is the index of that word, and a rule
/// takes the start of its span from the captured groups (<see cref="ScanContext.StartOf"/>).
/// </summary>
internal static partial class Patterns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private const string Weekday = "(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)";

    private const string MonthName = "(?-i:January|February|March|April|May|June|July|August|September|October|November|December)";

    /// <summary>Full and abbreviated month names, capitalized or in capitals (datelines), without the abbreviation's period.</summary>
    private const string MonthAny =
        "(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
        + "|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
        + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)";

    /// <summary>The period after an abbreviated month name ("Jan.", "Sept."), never after a full one (a sentence's end).</summary>
    private const string AbbreviationDot = @"(?:(?<=(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.)?";

    private const string Year = @"(?<![$€£#.,])(?<y>[12]\d{3})(?![\w%]|[.,:/]\d|[-–]\d{1,2}(?!\d)|\s*(?:percent|per\s+cent))";

    /// <summary>"early", "mid-", "late", "the start/beginning/middle/end of" before a month, year or period.</summary>
    private const string Part = @"(?:\b(?<part>early|mid|late)(?:\s+|-)|\b(?<edge>(?:the\s+)?(?:start|beginning|middle|end)\s+of)\s+)?";

    private const string Number =
        @"(?<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|half\s+an?|a\s+(?:hundred|thousand|dozen|couple\s+of|few)"
        + @"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
        + "|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
        + "|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|dozen|couple\\s+of|several|many|few|an?)";

    private const string Unit = @"\b(?<unit>(?:second|minute|hour|day|week|fortnight|month|year|decade)s?|century|centuries)";

    private const string Zone = @"(?<zone>(?-i:(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?|BST|CEST|CET|EEST|EET|WEST|WET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|JST|AEST|AEDT|ET|CT|MT|PT)(?!\w)|local\s+time)";

    private const string AmPm = @"(?<ampm>[ap]\.m\b\.?|[ap]m\b)";

    /// <summary>2024-03-05, optionally with a time: 2024-03-05T14:30, 2024-03-05 14:30:00Z.</summary>
    [GeneratedRegex(@"(?<![\w./:-])(?<y>[12]\d{3})-(?<m>[01]\d)-(?<d>[0-3]\d)(?:(?:T|\s+)(?<h>[0-2]\d):(?<mi>[0-5]\d)(?::(?<s>[0-5]\d))?(?<z>Z|[+-][01]\d:?[0-5]\d)?)?(?![\w/]|[.:-]\d)", Options)]
    public static partial Regex IsoDate();

    /// <summary>03/05/2024, 3/5/24, 05.03.2024.</summary>
    [GeneratedRegex(@"(?<![\w./:-])(?<a>[0-3]?\d)(?<sep>[/.])(?<b>[0-3]?\d)\k<sep>(?<y>[12]\d{3}|\d{2})(?![\w/]|[.:/-]\d)", Options)]
    public static partial Regex NumericDate();

    /// <summary>5 March 2024, 5th of March, the 5th of March, Tuesday 5 March.</summary>
    [GeneratedRegex(@"(?<![\w.,/:])(?<d>[0-3]?\d)(?<=(?:\b(?<wd>" + Weekday + @"),?\s+)?(?:\b(?<the>the)\s+)?\b\d+)(?:st|nd|rd|th)?(?:\s+of)?\s+(?<mon>" + MonthAny + ")" + AbbreviationDot + @"(?![a-z])(?:,?\s+" + Year + ")?", Options)]
    public static partial Regex DayMonth();

    /// <summary>March 5, 2024, March 5th, Tuesday, March 5, Sept. 11.</summary>
    [GeneratedRegex(@"\b(?<mon>" + MonthAny + @")(?<=(?:\b(?<wd>" + Weekday + @"),?\s+)?\b[a-z]+)" + AbbreviationDot + @"(?![a-z])\s+(?:the\s+)?(?<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:]|[.,]\d|%|\s*(?:percent|per\s+cent|million|billion))(?:,?\s+" + Year + ")?", Options)]
    public static partial Regex MonthDay();

    /// <summary>March 2024, March of 2024, early March 2024, the end of March 2024.</summary>
    [GeneratedRegex(@"\b(?<mon>" + MonthAny + @")(?<=" + Part + @"\b[a-z]+)" + AbbreviationDot + @"(?![a-z]),?\s+(?:of\s+)?" + Year, Options)]
    public static partial Regex MonthYear();

    /// <summary>A month name alone, with what stands before it: "in March", "last May", "mid-June", "the end of July".</summary>
    [GeneratedRegex(@"\b(?<mon>" + MonthName + @")(?![\w-])(?<=(?:\b(?<prep>in|since|until|till|by|from|through|throughout|during|before|after|between|month\s+of)\s+)?(?:\b(?<rel>last|next|this|past|coming)\s+)?" + Part + @"\b[a-z]+)", Options)]
    public static partial Regex MonthAlone();

    /// <summary>A year with what stands before it ("in 2019", "since 2019", "mid-2019") and an optional second year ("from 2010 to 2015").</summary>
    [GeneratedRegex(@"(?<=(?:\b(?<prep>in|since|until|till|by|before|after|during|from|through|throughout|between|circa|around|year)\s+)?" + Part + ")" + Year + @"(?:\s*(?:-|–|to|and|until|through|or)\s*(?<y2>[12]\d{3})(?![\w%]|[.,:/-]\d))?", Options)]
    public static partial Regex YearAlone();

    /// <summary>The 1990s, the '90s, the late 1980s, mid-1990s.</summary>
    [GeneratedRegex(@"(?:(?<![\w'’])(?<dec>[12]\d{2}0)s|(?<![\w'’])(?<dec3>\d0)s|(?<!\w)(?<apos>['’])(?<dec2>\d0)s)(?<=(?:\b(?<the>the)\s+)?(?:\b(?<part>early|mid|late)(?:\s+|-))?['’]?\d+s)(?![\w-])", Options)]
    public static partial Regex Decade();

    /// <summary>The 19th century, the twentieth century, the early 20th century, 21st-century.</summary>
    [GeneratedRegex(@"\bcentury(?![\w-])(?<=(?:\b(?<the>the)\s+)?(?:\b(?<part>early|mid|late)(?:\s+|-))?(?:\b(?<c>\d{1,2})(?:st|nd|rd|th)|\b(?<cw>fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))(?:\s+|-)century)", Options)]
    public static partial Regex Century();

    /// <summary>The first quarter (of 2024), Q3 2023, the second half of 2024.</summary>
    [GeneratedRegex(@"(?:\b(?<qh>quarter|half)(?<=\b(?<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+[a-z]+)(?:\s+of\s+(?:" + Year + @"|(?<yrel>this|last|next)\s+year))?|\b(?-i:Q)(?<q>[1-4])(?:\s+|-)?(?<qy>[12]\d{3})?)(?![\w-])", Options)]
    public static partial Regex QuarterOrHalf();

    /// <summary>Seasons with what stands before them: "this summer", "in the spring", "winter 2023", "the summer of 2019".</summary>
    [GeneratedRegex(@"\b(?<season>spring|summer|autumn|fall|winter)(?<=(?:\b(?<cue>in|during|by|since|until|till|over|through|throughout|before|after)\s+)?(?:\b(?<the>the)\s+)?(?:\b(?<rel>this|last|next|past|coming)\s+)?(?:\b(?<part>early|mid|late)(?:\s+|-))?\b[a-z]+)(?:,?\s+(?:of\s+)?" + Year + @")?(?![\w-])", Options)]
    public static partial Regex Season();

    /// <summary>Today, yesterday, tomorrow, tonight, last night, this morning, the day before yesterday; with a part of day.</summary>
    [GeneratedRegex(@"\b(?:(?<word>yesterday|today|tomorrow|tonight)(?<=(?:\b(?<dayof>the\s+day\s+(?:before|after))\s+)?\b[a-z]+)|night(?<=\b(?<last>last)\s+night)|(?<this>morning|afternoon|evening)(?<=\b(?<thisword>this)\s+[a-z]+))(?:\s+(?<pod>morning|afternoon|evening|night))?(?![\w-])", Options)]
    public static partial Regex DayWord();

    /// <summary>A weekday with last/next/this and a part of day: "Tuesday", "last Friday", "Monday morning", "Mondays".</summary>
    [GeneratedRegex(@"\b(?<wd>" + Weekday + @")(?<=(?:\b(?<rel>last|next|this|past|coming)\s+)?\b[a-z]+)(?<plural>s)?(?:\s+(?<pod>morning|afternoon|evening|night)(?<podplural>s)?)?(?![\w-])", Options)]
    public static partial Regex WeekdayName();

    /// <summary>This/last/next week, the past month, earlier this month, later this year, the end of the year.</summary>
    [GeneratedRegex(@"\b(?<unit>week(?:end)?|month|year|quarter|decade|century)(?![\w-])(?<=(?:\b(?<part>early|mid|late|earlier|later)(?:\s+|-)|\b(?<edge>(?:the\s+)?(?:start|beginning|middle|end)\s+of)\s+)?\b(?<rel>the\s+past|the\s+last|the\s+next|the\s+coming|this|last|next|past|coming|the)\s+[a-z]+)", Options)]
    public static partial Regex RelativePeriod();

    /// <summary>
    /// An amount of time: "three hours", "two-day", "10 years", "two and a half years", "half an hour", "the past five
    /// years", "about three weeks", and with "ago" / "from now" a date: "two days ago".
    /// </summary>
    [GeneratedRegex(Unit + @"(?<=(?:\b(?<rel>(?:the\s+)?(?:past|last|next|coming|previous|following))\s+)?(?:\b(?<approx>about|around|approximately|nearly|almost|roughly|some|an\s+estimated)\s+)?\b" + Number + @"(?<halfa>\s+and\s+a\s+half)?(?:\s+|-)[a-z]+)(?<halfb>\s+and\s+a\s+half)?(?!\w|-old\b|\s+old\b)(?:\s+(?<dir>ago|from\s+now|hence)\b)?", Options)]
    public static partial Regex Amount();

    /// <summary>A bare plural unit after for/in/over/within ("for years", "in recent weeks"): a vague duration.</summary>
    [GeneratedRegex(@"\b(?:for|in|over|within)\s+(?<recent>recent\s+)?(?<what>seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?![\w-])", Options)]
    public static partial Regex VagueAmount();

    /// <summary>Every Monday, each year, every two weeks, every other day, every morning, every March.</summary>
    [GeneratedRegex(@"\b(?:every|each)\s+(?:(?<other>other)\s+|" + Number + @"\s+)?(?:(?<what>seconds?|minutes?|hours?|days?|weekends?|weeks?|fortnights?|months?|quarters?|years?|decades?|mornings?|afternoons?|evenings?|nights?|spring|summer|autumn|fall|winter)|(?<weekday>" + Weekday + ")|(?<month>" + MonthName + @"))(?![\w-])", Options)]
    public static partial Regex Every();

    /// <summary>daily, weekly, monthly, annually, hourly, nightly, quarterly, fortnightly; in lower case only ("the Daily News" is a name).</summary>
    [GeneratedRegex(@"\b(?<adv>(?-i:daily|nightly|weekly|fortnightly|biweekly|monthly|quarterly|yearly|annually|hourly))\b", Options)]
    public static partial Regex FrequencyAdverb();

    /// <summary>Once a week, twice a day, three times a year, per month.</summary>
    [GeneratedRegex(@"\b(?:(?:once|twice|thrice|times(?<=\b" + Number + @"\s+times))\s+(?:a|an|per|every|each)|per)\s+(?<what>second|minute|hour|day|week|fortnight|month|quarter|year|decade)(?![\w-])", Options)]
    public static partial Regex Frequency();

    /// <summary>14:30, 2:30 p.m., 09:15:30 GMT.</summary>
    [GeneratedRegex(@"(?<![\w:.,$€£])(?<h>[0-2]?\d):(?<mi>[0-5]\d)(?::(?<s>[0-5]\d))?(?:\s*" + AmPm + @")?(?:\s+" + Zone + @")?(?![\w:]|[.,]\d)", Options)]
    public static partial Regex ColonTime();

    /// <summary>3 p.m., 3pm, 3.30pm, 11 a.m. ET.</summary>
    [GeneratedRegex(@"(?<![\w:.,$€£])(?<h>1[0-2]|0?[1-9])(?:[.:](?<mi>[0-5]\d))?\s*" + AmPm + @"(?:\s+" + Zone + ")?", Options)]
    public static partial Regex HourAmPm();

    /// <summary>Noon, midday, midnight.</summary>
    [GeneratedRegex(@"\b(?<w>noon|midday|midnight)(?![\w-])", Options)]
    public static partial Regex ClockWord();

    /// <summary>Four-digit clock times with a zone or "hours": 0900 GMT, 1430 hours.</summary>
    [GeneratedRegex(@"(?<![\w:.,])(?<h>[01]\d|2[0-3])(?<mi>[0-5]\d)\s+(?:(?<zone>(?-i:GMT|UTC))|hours|hrs)\b", Options)]
    public static partial Regex MilitaryTime();

    /// <summary>What may stand between a day and a clock time that belong together: nothing, a comma, "at", "on".</summary>
    [GeneratedRegex(@"^[\s,]*(?:(?:at|on|around|about)\s*)?$", Options)]
    public static partial Regex JoinGap();
}
