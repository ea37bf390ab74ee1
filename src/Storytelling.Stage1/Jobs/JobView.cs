using System.Text.Json;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage1.Jobs;

/// <summary>
/// A job as users see it, the same in <c>storytelling batch status --json</c> and <c>GET /v1/jobs/{id}</c>
/// (snake_case JSON): state, counts, timings and the first rejection reasons.
/// </summary>
public sealed record JobView(
    string JobId,
    string BatchId,
    string State,
    int Concurrency,
    string Input,
    JobCounts Counts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    double? ElapsedSeconds,
    string? Error,
    IReadOnlyList<JobRejectionView> FirstRejections)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static JobView From(JobRecord job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var end = job.CompletedAt ?? now;
        return new JobView(
            job.Id, job.BatchId, job.State.ToString().ToLowerInvariant(), job.Concurrency, job.InputName,
            new JobCounts(job.Submitted, job.Cleaned, job.Rejected, job.Duplicates, job.Submitted is { } total ? total - job.Cleaned - job.Rejected : null),
            job.CreatedAt, job.StartedAt, job.CompletedAt, (end - job.CreatedAt).TotalSeconds, job.Error,
            [.. job.FirstRejections.Select(r => new JobRejectionView(r.Line, r.Stage.ToString().ToLowerInvariant(), r.Code, r.Reason))]);
    }
}

/// <summary>Submitted records (null until the submission finished), their outcomes so far, and what is left.</summary>
public sealed record JobCounts(long? Submitted, long Cleaned, long Rejected, long Duplicates, long? Remaining);

public sealed record JobRejectionView(long Line, string Stage, string Code, string Reason);
