namespace Storytelling.Stage1.Storage;

/// <summary>A job as stored: settings, state, counters, timings and its first rejections in line order.</summary>
public sealed record JobRecord(
    string Id,
    string BatchId,
    int Concurrency,
    string InputName,
    JobState State,
    long? Submitted,
    long Cleaned,
    long Rejected,
    long Duplicates,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<JobRejection> FirstRejections)
{
    public JobProgress Progress => new(Id, Submitted, Cleaned, Rejected, Duplicates, State);
}
