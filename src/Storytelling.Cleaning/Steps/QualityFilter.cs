namespace Storytelling.Cleaning.Steps;

/// <summary>
/// Rejects cleaned texts that are not worth keeping, checked in this order: <c>non_text</c> (under half of the
/// visible characters are letters, over 1% replacement characters, or most of the text in 100+ character runs without
/// spaces, as base64 or binary junk), <c>mostly_boilerplate</c> (the HTML lost more than
/// <see cref="MaxBoilerplateRatio"/> of its text and under five times the minimum is left), <c>too_short</c> (under
/// <see cref="MinTextChars"/> characters) and <c>repeated_lines</c> (of 3+ lines, over half repeat another line).
/// </summary>
public sealed class QualityFilter
{
    public const string TooShort = "too_short";
    public const string MostlyBoilerplate = "mostly_boilerplate";
    public const string RepeatedLines = "repeated_lines";
    public const string NonText = "non_text";

    private const double MinLetterShare = 0.5;
    private const double MaxReplacementShare = 0.01;
    private const double MaxLongRunShare = 0.5;
    private const int LongRun = 100;
    private const double MaxRepeatedShare = 0.5;

    public QualityFilter(int minTextChars, double maxBoilerplateRatio = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minTextChars);
        if (maxBoilerplateRatio is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBoilerplateRatio), maxBoilerplateRatio, "The boilerplate bound must be between 0 and 1.");
        }

        MinTextChars = minTextChars;
        MaxBoilerplateRatio = maxBoilerplateRatio;
    }

    public int MinTextChars { get; }

    public double MaxBoilerplateRatio { get; }

    /// <summary>Null when <paramref name="text"/> passes; otherwise the first failed check with its measurement and limit.</summary>
    public QualityRejection? Check(string text, double boilerplateRatio)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CheckNonText(text) ?? CheckBoilerplate(text, boilerplateRatio) ?? CheckLength(text) ?? CheckRepeatedLines(text);
    }

    private static QualityRejection? CheckNonText(string text)
    {
        int visible = 0, letters = 0, replacements = 0, longRuns = 0, run = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                longRuns += run >= LongRun ? run : 0;
                run = 0;
                continue;
            }

            visible++;
            run++;
            letters += char.IsLetter(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark ? 1 : 0;
            replacements += c == '\uFFFD' ? 1 : 0;
        }

        longRuns += run >= LongRun ? run : 0;
        if (visible == 0)
        {
            return null;
        }

        if (replacements > MaxReplacementShare * visible)
        {
            return new QualityRejection(NonText, $"{Percent(replacements, visible)} of the characters are replacement characters (U+FFFD); the limit is {Pct(MaxReplacementShare)}.");
        }

        if (letters < MinLetterShare * visible)
        {
            return new QualityRejection(NonText, $"Only {Percent(letters, visible)} of the visible characters are letters; at least {Pct(MinLetterShare)} are required.");
        }

        if (longRuns > MaxLongRunShare * visible)
        {
            return new QualityRejection(NonText, $"{Percent(longRuns, visible)} of the text is in runs of {LongRun}+ characters without a space (encoded or binary data); the limit is {Pct(MaxLongRunShare)}.");
        }

        return null;
    }

    private QualityRejection? CheckBoilerplate(string text, double boilerplateRatio) =>
        boilerplateRatio > MaxBoilerplateRatio && text.Length < 5 * MinTextChars
            ? new QualityRejection(MostlyBoilerplate, $"{Pct(boilerplateRatio)} of the page's text was boilerplate (limit {Pct(MaxBoilerplateRatio)}) and only {text.Length} characters are left.")
            : null;

    private QualityRejection? CheckLength(string text) =>
        text.Length < MinTextChars
            ? new QualityRejection(TooShort, $"The cleaned text has {text.Length} characters; at least {MinTextChars} are required.")
            : null;

    private static QualityRejection? CheckRepeatedLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 3)
        {
            return null;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            counts[line] = counts.GetValueOrDefault(line) + 1;
        }

        var repeated = lines.Count(line => counts[line] > 1);
        return repeated > MaxRepeatedShare * lines.Length
            ? new QualityRejection(RepeatedLines, $"{repeated} of {lines.Length} lines repeat another line ({Percent(repeated, lines.Length)}); the limit is {Pct(MaxRepeatedShare)}.")
            : null;
    }

    private static string Percent(int part, int whole) => Pct((double)part / whole);

    private static string Pct(double share) => $"{share * 100:0}%";
}
