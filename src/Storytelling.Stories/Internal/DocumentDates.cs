using System.Globalization;
using System.Text.RegularExpressions;
using Storytelling.Nlp.Time;

namespace Storytelling.Stories.Internal;

/// <summary>
/// A document's time as the story engine uses it. A dated document: its publication day and that day's year. An undated
/// one: the first absolute calendar day written in its first <see cref="DatelineCharacters"/> characters (a dateline:
/// "May 5, 2010", "Posted 11/27/2005"), and the latest year its text states ("in 2008", "March 2013", "the 2008-09
/// season"), a lower bound on when it was written. Relative expressions ("Tuesday") need an anchor and are not used;
/// nor are dates further into the text, which are often history ("born on April 22, 1923").
/// </summary>
internal static partial class DocumentDates
{
    public const int DatelineCharacters = 300;

    private const TimeExpressionTraits Inferred = TimeExpressionTraits.AnchorMissing | TimeExpressionTraits.YearInferred;

    public static (DateTimeOffset? Day, int? LatestYear) Of(StoryDocument document)
    {
        if (document.PublishedAt is { } published)
        {
            var date = published.UtcDateTime.Date;
            return (new DateTimeOffset(date, TimeSpan.Zero), date.Year);
        }

        DateTimeOffset? day = null;
        int? latestYear = null;
        foreach (var expression in TimeExpressionRecognizer.Find(document.Text, null))
        {
            if (expression.Interval is not { } interval
                || expression.Anchor != TimeAnchor.None
                || (expression.Flags & Inferred) != 0
                || expression.Type is not (TimeExpressionType.Date or TimeExpressionType.Time)
                || interval.Length.TotalDays > 366)
            {
                continue;
            }

            latestYear = Later(latestYear, interval.Begin.Year);
            if (day is null && expression.Start < DatelineCharacters && interval.Length.TotalDays <= 1.01)
            {
                day = new DateTimeOffset(interval.Begin.UtcDateTime.Date, TimeSpan.Zero);
            }
        }

        foreach (Match season in Season().Matches(document.Text))
        {
            int first = int.Parse(season.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            int last = (first / 100 * 100) + int.Parse(season.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
            if (last == first + 1)
            {
                latestYear = Later(latestYear, last);
            }
        }

        return (day, latestYear);
    }

    private static int Later(int? current, int year) => current is { } c && c >= year ? c : year;

    /// <summary>A season written as two consecutive years, the second in two digits ("2008-09").</summary>
    [GeneratedRegex(@"\b((?:19|20)\d\d)[-–/](\d\d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Season();
}
