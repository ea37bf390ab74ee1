using Microsoft.Extensions.Logging;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Metadata;
using Storytelling.Stage2.Backends;
using Storytelling.Stage2.Storage;

namespace Storytelling.Stage2.Workers;

/// <summary>
/// Announces documents' outcomes and finishes jobs (ADR 8, the same scheme as Stage 1's ADR 7): every outcome is
/// published once and counted per job in the same step, and <c>nlp.job.completed</c> is published when the count
/// reaches the job's total, so it always follows every <c>document.processed</c> of its job on the stream. Before it is
/// announced the storage backends finish the job (the JSONL backend writes the job's files from PostgreSQL); the
/// announcement names what they wrote. A document of a job that already completed (a redelivered work item, a replayed
/// dead letter) finishes the job's outputs again, so its files hold what PostgreSQL holds; the job is not announced
/// again.
/// </summary>
public sealed class Stage2Completion(
    Stage2Store store, MultiBackendWriter backends, IEventPublisher publisher, Stage2Options options, ILogger<Stage2Completion> logger, TimeProvider time,
    IMetadataRecorder? metadata = null)
{
    /// <summary>Publishes a document's outcome and finishes its job if that was the last one.</summary>
    public async Task AnnounceAsync(string jobId, CloudEvent outcome, TraceContext trace, CancellationToken cancellationToken)
    {
        var published = await publisher.PublishOnceCountedAsync(options.EventStream, [outcome], options.PublishMemory, Counter(jobId), cancellationToken);
        if (await CompleteIfDoneAsync(jobId, published.Count, trace, cancellationToken) is JobState.AlreadyCompleted)
        {
            await backends.CompleteJobAsync(jobId, cancellationToken);
            Log.JobOutputsRewritten(logger, jobId, outcome.Subject);
        }
    }

    /// <summary>Finishes the job if its total is known and every outcome is announced (the trigger calls this once it learns the total).</summary>
    public async Task<bool> CompleteIfAnnouncedAsync(string jobId, TraceContext trace, CancellationToken cancellationToken)
    {
        var announced = await publisher.PublishOnceCountedAsync(options.EventStream, [], options.PublishMemory, Counter(jobId), cancellationToken);
        return await CompleteIfDoneAsync(jobId, announced.Count, trace, cancellationToken) is JobState.CompletedNow;
    }

    private async Task<JobState> CompleteIfDoneAsync(string jobId, long announced, TraceContext trace, CancellationToken cancellationToken)
    {
        var counts = await store.GetCountsAsync(jobId, cancellationToken);
        if (counts is { IsCompleted: true })
        {
            return JobState.AlreadyCompleted;
        }

        if (counts is null || !counts.IsDone || announced < counts.Total)
        {
            return JobState.Running;
        }

        var outputFiles = await backends.CompleteJobAsync(jobId, cancellationToken);
        await publisher.PublishOnceAsync(options.EventStream, [Stage2Events.JobCompleted(jobId, counts.BatchId, counts, outputFiles, trace.CreateChild(), time)],
            options.PublishMemory, cancellationToken);
        var marked = await store.TryCompleteAsync(jobId, time.GetUtcNow(), cancellationToken);
        if (marked)
        {
            await (metadata?.JobFinishedAsync(jobId, null, cancellationToken) ?? Task.CompletedTask);
            Log.JobCompleted(logger, jobId, counts.Total ?? 0, counts.Processed, counts.Failed, counts.Events);
        }

        // Another worker completing the job at the same moment marked it: it is complete either way, and its outputs
        // were just written from the same rows.
        return marked ? JobState.CompletedNow : JobState.Running;
    }

    private enum JobState
    {
        /// <summary>Not every outcome is in yet (or another caller completed it just now).</summary>
        Running,

        /// <summary>This call completed the job.</summary>
        CompletedNow,

        /// <summary>The job had completed before this call.</summary>
        AlreadyCompleted,
    }

    private static string Counter(string jobId) => $"stage2-job-announced:{jobId}";
}
