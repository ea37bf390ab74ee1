using System.Text.RegularExpressions;

namespace Storytelling.Nlp.Time.Internal;

/// <summary>
/// Recurrences: "every Tuesday" (XXXX-WXX-2), "every morning" (XXXX-XX-XXTMO), "every March" (XXXX-03), "each year",
/// "every two weeks", "every other day" (P1Y, P2W, P2D), "daily", "weekly", "annually", "twice a week", "per day".
/// </summary>
internal static class SetRules
{
    public static void Scan(ScanContext context)
    {
        foreach (Match match in Patterns.Every().Matches(context.Text))
        {
            double? count = match.Groups["other"].Success ? 2 : match.Groups["num"].Success ? Words.Number(match.Groups["num"].Value) : 1;
            // Weekdays and months are told by the group that matched, not by case: "Every Year" is a unit in a title.
            var value = match.Groups["weekday"].Success ? $"XXXX-WXX-{Words.Weekday(match.Groups["weekday"].ValueSpan)}"
                : match.Groups["month"].Success ? Period.Invariant($"XXXX-{Words.Month(match.Groups["month"].ValueSpan):D2}")
                : RecurrenceValue(match.Groups["what"].Value, count);
            Add(context, match, value, 0.9f);
        }

        foreach (Match match in Patterns.FrequencyAdverb().Matches(context.Text))
        {
            var value = match.Groups["adv"].Value.ToLowerInvariant() switch
            {
                "daily" => "P1D",
                "nightly" => "XXXX-XX-XXTNI",
                "weekly" => "P1W",
                "fortnightly" or "biweekly" => "P2W",
                "monthly" => "P1M",
                "quarterly" => "P3M",
                "hourly" => "PT1H",
                _ => "P1Y",
            };
            Add(context, match, value, 0.8f);
        }

        foreach (Match match in Patterns.Frequency().Matches(context.Text))
        {
            Add(context, match, DurationRules.DurationValue(match.Groups["what"].ValueSpan.Equals("quarter", StringComparison.OrdinalIgnoreCase) ? 3 : 1, Unit(match.Groups["what"].Value)), 0.85f);
        }
    }

    private static string RecurrenceValue(string what, double? count)
    {
        var unit = DurationRules.Singular(what);
        return unit switch
        {
            "morning" or "afternoon" or "evening" or "night" => "XXXX-XX-XXT" + Words.PartOfDay(unit),
            "weekend" => "XXXX-WXX-WE",
            "spring" or "summer" or "autumn" or "fall" or "winter" => "XXXX-" + Period.Season(2000, Words.Season(unit)).Value[5..],
            "quarter" => DurationRules.DurationValue(count * 3, "month"),
            _ => DurationRules.DurationValue(count, unit),
        };
    }

    private static string Unit(string what) => what.Equals("quarter", StringComparison.OrdinalIgnoreCase) ? "month" : DurationRules.Singular(what);

    private static void Add(ScanContext context, Match match, string value, float confidence) =>
        context.Add(new Candidate
        {
            Start = ScanContext.StartOf(match, "num"),
            End = match.Index + match.Length,
            Type = TimeExpressionType.Set,
            Value = value,
            Confidence = confidence,
        });
}
