using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Storytelling.Hosting;
using Storytelling.Nlp.Events;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// The read endpoints: <c>GET /v1/jobs/{id}</c>, <c>/v1/documents/{id}</c>, <c>/v1/events</c>, <c>/v1/storylines</c>,
/// <c>/v1/storylines/{id}</c> and <c>/v1/search</c>. Query parameters are taken as text and checked here, so a bad one
/// is a 400 problem that names it and says what is allowed.
/// </summary>
internal sealed class ReadEndpoints(Stage2Runtime runtime, Stage2Queries queries)
{
    public const int DefaultEventLimit = 100;
    public const int MaxEventLimit = 500;
    public const int DefaultStorylineLimit = 50;
    public const int MaxStorylineLimit = 500;
    public const int DefaultSearchLimit = 20;
    public const int MaxSearchLimit = 100;
    public const int MaxQueryLength = 1000;

    private const string CursorAdvice = "pass next_cursor from the previous page unchanged, or leave after out for the first page";

    public async Task<Results<Ok<JobView>, ProblemHttpResult>> GetJobAsync(string id, CancellationToken cancellationToken)
    {
        var stage2 = await queries.GetJobAsync(id, cancellationToken);
        var stage1 = await runtime.Stage1Store.GetJobAsync(id, 0, cancellationToken);
        if (stage2 is null && stage1 is null)
        {
            return ApiProblems.NotFound("Job not found",
                $"no job '{id}' in Stage 1 or Stage 2: use the job id (job-...) from POST /v1/batches, Stage 1's POST /v1/jobs or storytelling batch submit");
        }

        return TypedResults.Ok(View(id, stage2, stage1));
    }

    public static JobView View(string id, Stage2JobRow? stage2, JobRecord? stage1)
    {
        var stage1View = stage1 is null ? null : Stage1JobView.From(stage1);
        if (stage2 is null)
        {
            return new JobView(id, stage1?.BatchId, "waiting", null, new JobCounts(null, 0, 0, null, 0, 0), null, null, null, stage1View);
        }

        long? remaining = stage2.Total is { } total ? Math.Max(0, total - stage2.Processed - stage2.Failed) : null;
        return new JobView(
            id, stage2.BatchId, stage2.State, stage2.Mode,
            new JobCounts(stage2.Total, stage2.Processed, stage2.Failed, remaining, stage2.Events, stage2.Tokens),
            stage2.CreatedAt, stage2.CompletedAt, stage2.LastProcessedAt, stage1View);
    }

    public async Task<Results<Ok<DocumentView>, ProblemHttpResult>> GetDocumentAsync(string id, CancellationToken cancellationToken)
    {
        var document = await queries.GetDocumentAsync(id, cancellationToken);
        return document is not null
            ? TypedResults.Ok(document)
            : ApiProblems.NotFound("Document not found",
                $"Stage 2 has analysed no document '{id}': documents appear here once an NLP worker has analysed them " +
                "(follow the job at /v1/jobs/{job id}); a record Stage 1 rejected is never analysed");
    }

    public async Task<Results<Ok<EventPage>, ProblemHttpResult>> FindEventsAsync(
        [FromQuery(Name = "document")] string? document,
        [FromQuery(Name = "type")] string? type,
        [FromQuery(Name = "from")] string? from,
        [FromQuery(Name = "to")] string? to,
        [FromQuery(Name = "entity")] string? entity,
        [FromQuery(Name = "storyline")] string? storyline,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "after")] string? after,
        CancellationToken cancellationToken)
    {
        type = Blank(type);
        if (type is not null && !EventTypes.All.Contains(type))
        {
            return ApiProblems.BadRequest($"query parameter type '{type}' is not an event type: allowed {string.Join(", ", EventTypes.All)}");
        }

        if (ParseTime(from, "from", isEnd: false, out var fromTime, out _) is { } fromProblem)
        {
            return ApiProblems.BadRequest(fromProblem);
        }

        if (ParseTime(to, "to", isEnd: true, out var toTime, out var toInclusive) is { } toProblem)
        {
            return ApiProblems.BadRequest(toProblem);
        }

        if (fromTime is { } begin && toTime is { } end && (toInclusive ? end < begin : end <= begin))
        {
            return ApiProblems.BadRequest($"query parameter from '{from}' is after to '{to}': give a range whose start comes first");
        }

        if (ParseLimit(limit, DefaultEventLimit, MaxEventLimit, out var pageSize) is { } limitProblem)
        {
            return ApiProblems.BadRequest(limitProblem);
        }

        EventPosition? position = null;
        if (Blank(after) is { } cursor)
        {
            var parts = PageCursor.Decode(cursor, "events", 3);
            if (parts is null
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            {
                return ApiProblems.BadRequest($"query parameter after is not a cursor of GET /v1/events: {CursorAdvice}");
            }

            position = new EventPosition(parts[0], line, start);
        }

        var filter = new EventFilter(Blank(document), type, fromTime, toTime, toInclusive, Blank(entity), Blank(storyline), pageSize, position);
        return TypedResults.Ok(await queries.FindEventsAsync(filter, cancellationToken));
    }

    public async Task<Results<Ok<StorylinePage>, ProblemHttpResult>> ListStorylinesAsync(
        [FromQuery(Name = "q")] string? q,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "after")] string? after,
        CancellationToken cancellationToken)
    {
        if (ParseLimit(limit, DefaultStorylineLimit, MaxStorylineLimit, out var pageSize) is { } limitProblem)
        {
            return ApiProblems.BadRequest(limitProblem);
        }

        if (Blank(q) is { Length: > MaxQueryLength })
        {
            return ApiProblems.BadRequest($"query parameter q has {q!.Length} characters: allowed at most {MaxQueryLength}");
        }

        StorylinePosition? position = null;
        if (Blank(after) is { } cursor)
        {
            var parts = PageCursor.Decode(cursor, "storylines", 2);
            if (parts is null || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return ApiProblems.BadRequest($"query parameter after is not a cursor of GET /v1/storylines: {CursorAdvice}");
            }

            position = new StorylinePosition(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
        }

        return TypedResults.Ok(await queries.ListStorylinesAsync(Blank(q), pageSize, position, cancellationToken));
    }

    public async Task<Results<Ok<StorylineView>, ProblemHttpResult>> GetStorylineAsync(string id, CancellationToken cancellationToken)
    {
        var storyline = await queries.GetStorylineAsync(id, cancellationToken);
        return storyline is not null
            ? TypedResults.Ok(storyline)
            : ApiProblems.NotFound("Storyline not found",
                $"no storyline '{id}': storyline ids come from GET /v1/storylines, an event's storyline_id or a document's storyline_id");
    }

    public async Task<Results<Ok<SearchResults>, ProblemHttpResult>> SearchAsync(
        [FromQuery(Name = "q")] string? q,
        [FromQuery(Name = "limit")] string? limit,
        CancellationToken cancellationToken)
    {
        if (Blank(q) is not { } query)
        {
            return ApiProblems.BadRequest("query parameter q is required: the words to search for, in web search syntax (for example q=flood \"town hall\" -council)");
        }

        if (query.Length > MaxQueryLength)
        {
            return ApiProblems.BadRequest($"query parameter q has {query.Length} characters: allowed at most {MaxQueryLength}");
        }

        if (ParseLimit(limit, DefaultSearchLimit, MaxSearchLimit, out var pageSize) is { } limitProblem)
        {
            return ApiProblems.BadRequest(limitProblem);
        }

        return TypedResults.Ok(await queries.SearchAsync(query, pageSize, cancellationToken));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? ParseLimit(string? raw, int fallback, int max, out int limit)
    {
        if (Blank(raw) is null)
        {
            limit = fallback;
            return null;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            return $"query parameter limit '{raw}' is not a whole number: allowed 1-{max}";
        }

        return limit is < 1 || limit > max ? $"query parameter limit {limit}: allowed 1-{max}" : null;
    }

    /// <summary>
    /// A date (<c>2026-11-23</c>: the whole day, so as <c>to</c> it ends at the next midnight, exclusive) or a date and
    /// time with an offset or <c>Z</c> (inclusive); no offset means UTC.
    /// </summary>
    private static string? ParseTime(string? raw, string name, bool isEnd, out DateTimeOffset? time, out bool inclusive)
    {
        time = null;
        inclusive = true;
        if (Blank(raw) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            time = isEnd ? midnight.AddDays(1) : midnight;
            inclusive = !isEnd;
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return null;
        }

        return $"query parameter {name} '{text}' is not a date: give 2026-11-23 (a whole day) or 2026-11-23T08:00:00Z " +
            "(an offset such as +01:00 must be sent URL-encoded, %2B01:00)";
    }
}
