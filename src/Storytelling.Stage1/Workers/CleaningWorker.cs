using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Storytelling.Cleaning;
using Storytelling.Cleaning.Duplicates;
using Storytelling.CloudEvents;
using Storytelling.Hosting;
using Storytelling.Messaging;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage1.Workers;

/// <summary>
/// The cleaning worker's handler for work items (ADR 7): cleans the article (at most
/// <see cref="Stage1Options.WorkerConcurrency"/> at once in this process, and at most the job's concurrency for one
/// job), stores the outcome through the <see cref="OutcomeWriter"/>, announces it once, and finishes the job when
/// this was its last record. Every step may repeat after a crash without changing a count or announcing twice. When
/// storing the outcome still fails on the last attempt (<paramref name="maxAttempts"/>), the article is stored as a
/// <c>processing_failed</c> rejection carrying the error, so the job completes and says what went wrong.
/// </summary>
public sealed class CleaningWorker(
    ArticleCleaner cleaner,
    MinHasher minHasher,
    OutcomeWriter writer,
    JobCompletion completion,
    Stage1Options options,
    int maxAttempts,
    ILogger<CleaningWorker> logger,
    TimeProvider time) : IEventProcessor, IDisposable
{
    /// <summary>The rejection code of an article whose outcome could not be stored within the retry budget.</summary>
    public const string ProcessingFailed = "processing_failed";

    /// <summary>The rejection code of an article whose cleaning threw (a defect in a step; retrying would not help).</summary>
    public const string CleaningError = "cleaning_error";

    private readonly SemaphoreSlim _cpu = new(options.WorkerConcurrency);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _jobSlots = new(StringComparer.Ordinal);

    public async Task HandleAsync(EventContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        var item = WorkItem.FromEvent(context.Event);
        var trace = TraceContext.TryParse(context.Event.TraceParent, out var parent) ? parent.CreateChild() : TraceContext.CreateNew();

        var outcome = await CleanAsync(item, context.Event.Time ?? time.GetUtcNow(), cancellationToken);
        WrittenOutcome written;
        JobProgress job;
        try
        {
            (written, job) = await writer.WriteAsync(outcome, cancellationToken);
        }
        catch (Exception e) when (context.Attempt >= maxAttempts && e is not OperationCanceledException && outcome.Document is not null)
        {
            Log.StoringFailed(logger, e, item.JobId, item.Line, item.Article.Id, context.Attempt);
            outcome = DocumentOutcome.Rejected(item.JobId, item.Line, item.Article.Id, item.BatchId,
                new OutcomeRejection(ProcessingFailed, $"storing the cleaned document failed {context.Attempt} times: {e.GetType().Name}: {e.Message}", null));
            (written, job) = await writer.WriteAsync(outcome, cancellationToken);
        }

        var announcement = outcome.Document is { } document
            ? Stage1Events.DocumentCleaned(item, written, new StoredText(document.Title, document.Language, document.ContentHash,
                document.CharacterCount, RowLocation(item), completion.OutputFile(item.JobId)), trace, time)
            : Stage1Events.DocumentRejected(item, outcome.Rejection!, trace, time);
        await completion.AnnounceAsync(item.JobId, item.BatchId, [announcement], job, trace, cancellationToken);
        if (job.IsComplete && _jobSlots.TryRemove(item.JobId, out var slots))
        {
            slots.Dispose();
        }
    }

    public void Dispose()
    {
        _cpu.Dispose();
        foreach (var slots in _jobSlots.Values)
        {
            slots.Dispose();
        }
    }

    private async Task<DocumentOutcome> CleanAsync(WorkItem item, DateTimeOffset ingestedAt, CancellationToken cancellationToken)
    {
        var jobSlots = _jobSlots.GetOrAdd(item.JobId, _ => new SemaphoreSlim(item.Concurrency));
        await jobSlots.WaitAsync(cancellationToken);
        try
        {
            await _cpu.WaitAsync(cancellationToken);
            try
            {
                // Timed once a slot is held: the metric is the cleaning itself, not the wait for the job's or the CPU's turn.
                var started = Stopwatch.GetTimestamp();
                var outcome = Clean(item, ingestedAt);
                PipelineMetrics.Document(PipelineMetrics.Cleaning, outcome.Rejection is null ? "cleaned" : "rejected", Stopwatch.GetElapsedTime(started));
                return outcome;
            }
            finally
            {
                _cpu.Release();
            }
        }
        finally
        {
            jobSlots.Release();
        }
    }

    private DocumentOutcome Clean(WorkItem item, DateTimeOffset ingestedAt)
    {
        var article = item.Article;
        try
        {
            return cleaner.TryClean(article, ingestedAt, out var document, out var rejection)
                ? DocumentOutcome.Cleaned(item.JobId, item.Line, item.BatchId, document, minHasher)
                : DocumentOutcome.Rejected(item.JobId, item.Line, article.Id, item.BatchId,
                    new OutcomeRejection(rejection.Code, rejection.Reason, Excerpt(article.Content)));
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // A step threw on this article: the same article would throw again, so it is rejected with the error, not retried.
            Log.CleaningCrashed(logger, e, item.JobId, item.Line, article.Id);
            return DocumentOutcome.Rejected(item.JobId, item.Line, article.Id, item.BatchId,
                new OutcomeRejection(CleaningError, $"cleaning failed: {e.GetType().Name}: {e.Message}", Excerpt(article.Content)));
        }
    }

    private string RowLocation(WorkItem item) =>
        string.Create(CultureInfo.InvariantCulture, $"postgresql://{options.PostgresDatabase}/{Stage1Store.Schema}.documents?job_id={item.JobId}&line={item.Line}");

    private static string Excerpt(string content) => content.Length <= 200 ? content : content[..200];
}
