using System.Text.Json;
using System.Text.Json.Nodes;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// A Stage 2 job: <c>waiting</c> while only Stage 1 knows it (its documents are being cleaned, or batch mode waits for
/// Stage 1's <c>job.completed</c>), then <c>running</c> and <c>completed</c>; with Stage 1's side when Stage 1 has it.
/// </summary>
internal sealed record JobView(
    string JobId, string? BatchId, string State, string? Mode, JobCounts Counts, DateTimeOffset? CreatedAt, DateTimeOffset? CompletedAt,
    DateTimeOffset? LastProcessedAt, Stage1JobView? Stage1);

/// <summary>Documents the job accounts for (null until known), analysed, failed, still to do; events and tokens found.</summary>
internal sealed record JobCounts(long? Total, long Processed, long Failed, long? Remaining, long Events, long Tokens);

internal sealed record Stage1JobView(JobState State, long? Submitted, long Cleaned, long Rejected, long Duplicates, string? Error)
{
    public static Stage1JobView From(JobRecord job) => new(job.State, job.Submitted, job.Cleaned, job.Rejected, job.Duplicates, job.Error);
}

/// <summary>Stage 2's row of a job, as read from <c>stage2.jobs</c> and counted from its documents and failures.</summary>
internal sealed record Stage2JobRow(
    string JobId, string? BatchId, string Mode, string State, long? Total, long Processed, long Failed, long Events, long Tokens,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, DateTimeOffset? LastProcessedAt);

internal sealed record DocumentView(
    string DocumentId, string JobId, long Line, string? Title, string Text, string? Language, DateTimeOffset? PublishedAt,
    DateTimeOffset ProcessedAt, DocumentCounts Counts, string? StorylineId, JsonElement Annotations, IReadOnlyList<JsonObject> Events);

internal sealed record DocumentCounts(int Tokens, int Sentences, int Entities, int Events);

/// <summary>What <c>GET /v1/events</c> asks for; every part is optional but the limit.</summary>
internal sealed record EventFilter(
    string? DocumentId, string? Type, DateTimeOffset? From, DateTimeOffset? Until, bool UntilInclusive, string? Entity, string? StorylineId, int Limit,
    EventPosition? After);

/// <summary>Where a page of events ended: the primary key of its last event.</summary>
internal sealed record EventPosition(string JobId, long Line, int TriggerStart);

internal sealed record EventPage(IReadOnlyList<JsonObject> Events, string? NextCursor);

internal sealed record StorylineSummary(
    string Id, int Version, string Title, DateTimeOffset? StartAt, DateTimeOffset? EndAt, int DocumentCount, int EventCount, DateTimeOffset UpdatedAt);

/// <summary>Where a page of storylines ended: its last storyline's update time and id.</summary>
internal sealed record StorylinePosition(DateTimeOffset UpdatedAt, string Id);

internal sealed record StorylinePage(IReadOnlyList<StorylineSummary> Storylines, string? NextCursor);

internal sealed record StorylineView(
    string Id, int Version, string Title, DateTimeOffset? StartAt, DateTimeOffset? EndAt, int DocumentCount, int EventCount, DateTimeOffset UpdatedAt,
    IReadOnlyList<string> DocumentIds, IReadOnlyList<StorylineDocument> Documents, IReadOnlyList<JsonObject> Events);

/// <summary>A document of a storyline as its latest analysis stored it (null title and date when it is not stored).</summary>
internal sealed record StorylineDocument(string DocumentId, string? Title, DateTimeOffset? PublishedAt);

internal sealed record SearchResults(string Query, IReadOnlyList<DocumentHit> Documents, IReadOnlyList<EventHit> Events);

internal sealed record DocumentHit(string DocumentId, string JobId, long Line, string? Title, double Rank, string Snippet);

internal sealed record EventHit(string EventId, string DocumentId, string JobId, long Line, string Type, string Trigger, double Rank, string Snippet);
