using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Storytelling.Articles;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Metadata;
using Storytelling.Redis;
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
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

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
                        workItems += await FlushItemsAsync(jobId, items, cancellationToken);
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

            workItems += await FlushItemsAsync(jobId, items, cancellationToken);
            rejected += await FlushRejectionsAsync(jobId, request.BatchId, rejections, trace, cancellationToken);
            await store.MarkSubmittedAsync(jobId, workItems, cancellationToken);
            await (metadata?.JobStartedAsync(jobId, request.BatchId, workItems, cancellationToken) ?? Task.CompletedTask);
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Log.JobSubmitted(logger, jobId, request.BatchId, request.InputName, workItems, rejected, elapsedMs);
            // Idempotent (the count is read, job.completed published once, the job marked completed once), so safe to repeat.
            await WithRetryAsync(jobId, "completion_check", 0,
                () => completion.CompleteIfAnnouncedAsync(jobId, request.BatchId, trace, cancellationToken), cancellationToken);
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

    private async Task<long> FlushItemsAsync(string jobId, List<CloudEvent> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        await WithRetryAsync(jobId, "work_items", items.Count, () => workQueue.PublishManyAsync(options.WorkStream, items, cancellationToken), cancellationToken);
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
        CloudEvent[] announcements = [.. rejections.Select(r => Stage1Events.InputRejected(jobId, batchId, r, trace.CreateChild(), time))];
        await WithRetryAsync(jobId, "rejections", announcements.Length,
            () => completion.AnnounceAsync(jobId, batchId, announcements, null, trace, cancellationToken), cancellationToken);
        var count = rejections.Count;
        rejections.Clear();
        return count;
    }

    /// <summary>
    /// Sends a chunk to Redis. A timeout or lost connection leaves unknown which of its commands Redis ran, so the
    /// whole chunk is sent again, the same events with the same ids, for up to <see cref="Stage1Options.SubmitRetrySeconds"/>
    /// (delay doubling from 250 ms to 5 s, with jitter: <see cref="Backoff"/>): a work item that arrives twice is stored once (outcomes are keyed on job
    /// and line) and announcements are published once, so every article is still cleaned and announced once.
    /// </summary>
    private async Task WithRetryAsync(string jobId, string sending, int records, Func<Task> send, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var delay = Backoff.Delay(attempt, FirstRetryDelay, MaxRetryDelay);
            try
            {
                await send();
                return;
            }
            catch (Exception e) when (e is RedisTimeoutException or RedisConnectionException
                && time.GetElapsedTime(started) + delay <= TimeSpan.FromSeconds(options.SubmitRetrySeconds))
            {
                Log.JobSubmissionRetry(logger, jobId, sending, records, attempt, (long)delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }
}
