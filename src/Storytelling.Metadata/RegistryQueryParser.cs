using System.Globalization;

namespace Storytelling.Metadata;

/// <summary>
/// The read API's filters as text (the CLI's options, the HTTP query parameters) checked and turned into a
/// <see cref="JobQuery"/> or <see cref="EventQuery"/>. Each method returns null, or the problem naming the parameter
/// (as <c>name</c> calls it where it came from: <c>--stage</c>, <c>query parameter stage</c>) and what is allowed.
/// Times are a date (<c>2026-11-23</c>: the whole day, so as an end it means the next midnight) or an ISO 8601 date and
/// time (no offset means UTC); a range starts inclusive and ends exclusive.
/// </summary>
public static class RegistryQueryParser
{
    public const int DefaultLimit = 100;

    public static IReadOnlyList<string> Statuses { get; } = [JobStatuses.Running, JobStatuses.Completed, JobStatuses.Failed];

    /// <summary>Jobs by stage, status and creation time [<paramref name="since"/>, <paramref name="until"/>).</summary>
    public static string? TryJobs(
        string? stage, string? status, string? since, string? until, string? limit, Func<string, string> name, out JobQuery query)
    {
        ArgumentNullException.ThrowIfNull(name);
        query = new JobQuery();
        stage = Blank(stage);
        status = Blank(status);
        if (stage is not null && !RegistryStages.All.Contains(stage, StringComparer.Ordinal))
        {
            return $"{name("stage")} '{stage}' is not a stage: allowed {string.Join(", ", RegistryStages.All)}";
        }

        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return $"{name("status")} '{status}' is not a job status: allowed {string.Join(", ", Statuses)}";
        }

        var count = DefaultLimit;
        if ((TryRange(since, until, "since", "until", name, out var from, out var to) ?? TryLimit(limit, name, out count)) is { } problem)
        {
            return problem;
        }

        query = new JobQuery(stage, status, from, to, count);
        return null;
    }

    /// <summary>Events by document, type, event date [<paramref name="from"/>, <paramref name="to"/>) and storyline.</summary>
    public static string? TryEvents(
        string? document, string? type, string? from, string? to, string? storyline, string? limit, Func<string, string> name, out EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(name);
        query = new EventQuery();
        var count = DefaultLimit;
        if ((TryRange(from, to, "from", "to", name, out var start, out var end) ?? TryLimit(limit, name, out count)) is { } problem)
        {
            return problem;
        }

        query = new EventQuery(Blank(document), Blank(type), start, end, Blank(storyline), count);
        return null;
    }

    /// <summary>A limit of 1 to <see cref="MetadataReader.MaxLimit"/>; <see cref="DefaultLimit"/> when absent.</summary>
    public static string? TryLimit(string? text, Func<string, string> name, out int limit)
    {
        ArgumentNullException.ThrowIfNull(name);
        limit = DefaultLimit;
        if (Blank(text) is not { } raw)
        {
            return null;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MetadataReader.MaxLimit
            ? null
            : $"{name("limit")} '{raw}' is not allowed: give a whole number from 1 to {MetadataReader.MaxLimit}";
    }

    private static string? TryRange(
        string? startText, string? endText, string startName, string endName, Func<string, string> name, out DateTimeOffset? start, out DateTimeOffset? end)
    {
        end = null;
        var problem = TryTime(startText, name(startName), isEnd: false, out start) ?? TryTime(endText, name(endName), isEnd: true, out end);
        if (problem is null && start is { } first && end is { } last && last <= first)
        {
            problem = $"{name(startName)} '{startText}' is not before {name(endName)} '{endText}': give a range whose start comes first";
        }

        return problem;
    }

    private static string? TryTime(string? text, string what, bool isEnd, out DateTimeOffset? time)
    {
        time = null;
        if (Blank(text) is not { } raw)
        {
            return null;
        }

        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            time = isEnd ? midnight.AddDays(1) : midnight;
            return null;
        }

        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return null;
        }

        return $"{what} '{raw}' is not a date: give 2026-11-23 (a whole day) or 2026-11-23T08:00:00Z";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
