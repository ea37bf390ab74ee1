namespace Storytelling.Metadata;

/// <summary>
/// The dual-write seam the stages call at the seed's points (ADR 9): a job registered with its document count, the
/// documents after the stage stored them, the events, the storylines of events, and the job finished. Each call decides
/// the rollout per job id, then either queues the writes in the durable local outbox (they reach the primary in the
/// background, in order) or, in write-only mode, counts and logs them. It never waits for the primary and never fails
/// because the primary is down. <see cref="DisabledMetadataRecorder"/> does nothing.
/// </summary>
public interface IMetadataRecorder
{
    /// <summary>The stage this recorder writes for (<c>stage1</c>, <c>stage2</c>).</summary>
    string Stage { get; }

    /// <summary>A job started in this stage with <paramref name="documentCount"/> documents (status <c>running</c>).</summary>
    Task JobStartedAsync(string jobId, string? batchId, long? documentCount, CancellationToken cancellationToken);

    /// <summary>The job finished in this stage: <c>completed</c>, or <c>failed</c> with <paramref name="errorMessage"/>.</summary>
    Task JobFinishedAsync(string jobId, string? errorMessage, CancellationToken cancellationToken);

    /// <summary>Documents stored by the stage; returns how many are queued for the registry (those of jobs in the rollout).</summary>
    Task<int> DocumentsWrittenAsync(IReadOnlyList<DocumentMetadata> documents, CancellationToken cancellationToken);

    /// <summary>Events stored by the stage; returns how many are queued.</summary>
    Task<int> EventsWrittenAsync(IReadOnlyList<EventMetadata> events, CancellationToken cancellationToken);

    /// <summary>The storylines events were placed in; returns how many are queued.</summary>
    Task<int> StorylinesAssignedAsync(IReadOnlyList<StorylineAssignment> assignments, CancellationToken cancellationToken);
}
