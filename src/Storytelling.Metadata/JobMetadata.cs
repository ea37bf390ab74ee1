namespace Storytelling.Metadata;

/// <summary>
/// One stage's view of a job (table <c>job_registry</c>, keyed on the job and the stage): its status
/// (<see cref="JobStatuses"/>), batch, document count, free-form metadata, times and error message. <see cref="JobId"/> is
/// the pipeline's job id (<c>job-</c> + 32 hex digits); the table keys on <see cref="RegistryIds.JobUuid"/> of it.
/// </summary>
public sealed record JobMetadata
{
    public required string JobId { get; init; }

    /// <summary>The stage that ran the job: <c>stage1</c> or <c>stage2</c>.</summary>
    public required string Stage { get; init; }

    public required string Status { get; init; }

    public string? BatchId { get; init; }

    public long? DocumentCount { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? ErrorMessage { get; init; }
}
