using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Storytelling.Metadata.Internal;

namespace Storytelling.Metadata;

/// <summary>
/// The enabled recorder of one stage (made by <see cref="MetadataRegistry.Recorder"/>): keeps the records of jobs in the
/// rollout, then appends them to the outbox and wakes the deliverer, or in write-only mode counts
/// (<c>status="dry_run"</c>) and logs them.
/// </summary>
public sealed class MetadataRecorder : IMetadataRecorder
{
    private readonly MetadataRegistryOptions _options;
    private readonly MetadataOutbox? _outbox;
    private readonly Action _appended;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    internal MetadataRecorder(string stage, MetadataRegistryOptions options, MetadataOutbox? outbox, Action appended, ILogger logger, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        Stage = stage;
        _options = options;
        _outbox = outbox;
        _appended = appended;
        _logger = logger;
        _time = time;
    }

    public string Stage { get; }

    /// <summary>Whether <paramref name="jobId"/> is in the rollout (<see cref="MetadataRollout"/>).</summary>
    public bool Includes(string jobId) => MetadataRollout.Includes(jobId, _options.PercentageRollout);

    public Task JobStartedAsync(string jobId, string? batchId, long? documentCount, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return RecordJobAsync(new JobMetadata
        {
            JobId = jobId,
            Stage = Stage,
            Status = JobStatuses.Running,
            BatchId = batchId,
            DocumentCount = documentCount,
            CreatedAt = now,
            UpdatedAt = now,
        }, cancellationToken);
    }

    public Task JobFinishedAsync(string jobId, string? errorMessage, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return RecordJobAsync(new JobMetadata
        {
            JobId = jobId,
            Stage = Stage,
            Status = errorMessage is null ? JobStatuses.Completed : JobStatuses.Failed,
            CreatedAt = now,
            UpdatedAt = now,
            CompletedAt = now,
            ErrorMessage = errorMessage,
        }, cancellationToken);
    }

    public Task<int> DocumentsWrittenAsync(IReadOnlyList<DocumentMetadata> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var count = Record(OutboxKind.Document, documents, d => d.JobId);
        if (count > 0 && _outbox is not null)
        {
            Log.DocumentsRegistered(_logger, Stage, documents[0].JobId, count);
        }

        return Task.FromResult(count);
    }

    public Task<int> EventsWrittenAsync(IReadOnlyList<EventMetadata> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Task.FromResult(Record(OutboxKind.Event, events, e => e.JobId));
    }

    public Task<int> StorylinesAssignedAsync(IReadOnlyList<StorylineAssignment> assignments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        return Task.FromResult(Record(OutboxKind.Storyline, assignments, a => a.JobId));
    }

    private Task RecordJobAsync(JobMetadata job, CancellationToken cancellationToken)
    {
        if (Record(OutboxKind.Job, [job], j => j.JobId) > 0)
        {
            Log.JobRecorded(_logger, Stage, job.JobId, job.Status, job.DocumentCount);
        }

        return Task.CompletedTask;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see PostgresMetadataStore.WriteDocumentRows
    private int Record<T>(OutboxKind kind, IReadOnlyList<T> records, Func<T, string> jobOf)
    {
        var writes = new List<PendingWrite>(records.Count);
        var skipped = 0;
        foreach (var record in records)
        {
            var jobId = jobOf(record);
            if (Includes(jobId))
            {
                writes.Add(new PendingWrite(Stage, kind, jobId, RegistryJson.Write(record)));
            }
            else
            {
                skipped++;
            }
        }

        var entityType = OutboxEntry.EntityTypeOf(kind);
        MetadataMetrics.Writes(Stage, entityType, "skipped", skipped);
        if (writes.Count == 0)
        {
            return 0;
        }

        if (_outbox is null)
        {
            MetadataMetrics.Writes(Stage, entityType, "dry_run", writes.Count);
            Log.WriteOnly(_logger, Stage, entityType, writes[0].JobId, writes.Count);
            return 0;
        }

        _outbox.Append(writes, _time.GetUtcNow().ToUnixTimeMilliseconds());
        MetadataMetrics.Writes(Stage, entityType, "queued", writes.Count);
        _appended();
        return writes.Count;
    }
}
