using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Storytelling.Articles;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Metadata;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage1.Jobs;

/// <summary>What a caller asks for: the batch the input belongs to, the job's concurrency and a name for the input.</summary>
public sealed record JobRequest(string BatchId, int Concurrency, string InputName)
{
    public const int MaxConcurrency = 256;
}

/// <summary>
/// Turns a JSONL input into a job (ADR 7): the job row, one work item per accepted article on the work stream, and
/// the reader's rejections (with line and reason) stored and announced at once. The submitted count is recorded
/// only after every work item is on the stream; a job all of whose records were rejected is completed here.
/// Shared by <c>storytelling batch submit</c> and <c>POST /v1/jobs</c>.
/// </summary>
public sealed class JobSubmitter(
    Stage1Store store,
    IEventPublisher workQueue,
    JobCompletion completion,
    ArticleReader reader,
    Stage1Options options,
    ILogger<JobSubmitter> logger,
    TimeProvider time,
    IMetadataRecorder? metadata = null)
{
    private const int Chunk = 500;

    /// <summary>A new job id: <c>job-</c> + a version 7 GUID (time-ordered).</summary>
    public static string NewJobId() => $"job-{Guid.CreateVersion7():N}";

    public async Task<JobRecord> SubmitAsync(JobRequest request, Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(input);
        if (request.Concurrency is < 1 or > JobRequest.MaxConcurrency)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Concurrency, $"concurrency must be 1-{JobRequest.MaxConcurrency}");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(request.BatchId);
        var started = Stopwatch.GetTimestamp();
        var jobId = NewJobId();
        var trace = TraceContext.CreateNew();
        await store.CreateJobAsync(new NewJob(jobId, request.BatchId, request.Concurrency, request.InputName, time.GetUtcNow()), cancellationToken);
        long workItems = 0, rejected = 0;
        try
        {
            var items = new List<CloudEvent>(Chunk);
            var rejections = new List<RejectedRecord>();
            await foreach (var result in reader.ReadAsync(input, request.InputName, cancellationToken))
            {
                if (result.Article is { } article)
                {
                    items.Add(new WorkItem(jobId, request.BatchId, request.Concurrency, article).ToEvent(trace.CreateChild(), time));
                    if (items.Count == Chunk)
                    {
                        workItems += await FlushItemsAsync(items, cancellationToken);
                    }
                }
                else
                {
                    rejections.Add(result.Rejected!);
                    if (rejections.Count == Chunk)
                    {
                        rejected += await FlushRejectionsAsync(jobId, request.BatchId, rejections, trace, cancellationToken);
                    }
                }
            }

            workItems += await FlushItemsAsync(items, cancellationToken);
            rejected += await FlushRejectionsAsync(jobId, request.BatchId, rejections, trace, cancellationToken);
            await store.MarkSubmittedAsync(jobId, workItems, cancellationToken);
            await (metadata?.JobStartedAsync(jobId, request.BatchId, workItems, cancellationToken) ?? Task.CompletedTask);
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Log.JobSubmitted(logger, jobId, request.BatchId, request.InputName, workItems, rejected, elapsedMs);
            await completion.CompleteIfAnnouncedAsync(jobId, request.BatchId, trace, cancellationToken);
        }
        catch (Exception e)
        {
            Log.JobSubmissionFailed(logger, e, jobId, request.InputName);
            var error = $"submission failed after {workItems} work items: {e.Message}";
            await store.MarkFailedAsync(jobId, error, CancellationToken.None);
            await (metadata?.JobFinishedAsync(jobId, error, CancellationToken.None) ?? Task.CompletedTask);
            throw;
        }

        return await store.GetJobAsync(jobId, 10, cancellationToken)
            ?? throw new InvalidOperationException($"job {jobId} vanished right after it was submitted");
    }

    private async Task<long> FlushItemsAsync(List<CloudEvent> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        await workQueue.PublishManyAsync(options.WorkStream, items, cancellationToken);
        var count = items.Count;
        items.Clear();
        return count;
    }

    private async Task<long> FlushRejectionsAsync(
        string jobId, string batchId, List<RejectedRecord> rejections, TraceContext trace, CancellationToken cancellationToken)
    {
        if (rejections.Count == 0)
        {
            return 0;
        }

        await store.AddInputRejectionsAsync(jobId, rejections, cancellationToken);
        await completion.AnnounceAsync(jobId, batchId,
            [.. rejections.Select(r => Stage1Events.InputRejected(jobId, batchId, r, trace.CreateChild(), time))], null, trace, cancellationToken);
        var count = rejections.Count;
        rejections.Clear();
        return count;
    }
}
