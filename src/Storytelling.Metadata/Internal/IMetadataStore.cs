namespace Storytelling.Metadata.Internal;

/// <summary>A primary backend of the registry: PostgreSQL or Redis. Applying entries is idempotent and keeps their order.</summary>
internal interface IMetadataStore : IAsyncDisposable
{
    /// <summary>Applies outbox entries, in order, all or none; returns the jobs as they are after the write (for the cache).</summary>
    Task<IReadOnlyList<JobMetadata>> ApplyAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);

    Task<JobMetadata?> GetJobAsync(string jobId, string stage, CancellationToken cancellationToken);

    Task<IReadOnlyList<JobMetadata>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<DocumentMetadata>> DocumentsOfJobAsync(string jobId, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<EventMetadata>> ListEventsAsync(EventQuery query, CancellationToken cancellationToken);

    Task<Lineage> LineageAsync(string? documentId, string? storylineId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunRecord>> RunsAsync(string jobId, CancellationToken cancellationToken);
}
