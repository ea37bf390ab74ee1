using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Storytelling.Metadata;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage1.Workers;

/// <summary>
/// Write-behind batching of outcomes (ADR 7): handlers hand in their outcome and wait; one loop writes whatever has
/// gathered (up to <see cref="MaxBatch"/>) in one transaction and answers each handler with its written outcome
/// and its job's progress after the commit. A failed write fails every handler of that batch (they are retried).
/// </summary>
public sealed class OutcomeWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    private readonly Stage1Store _store;
    private readonly IMetadataRecorder? _metadata;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <param name="metadata">The registry's recorder: each stored batch's cleaned documents are recorded before the handlers are answered.</param>
    public OutcomeWriter(Stage1Store store, ILogger<OutcomeWriter> logger, IMetadataRecorder? metadata = null)
    {
        _store = store;
        _metadata = metadata;
        _logger = logger;
        _loop = Task.Run(WriteLoopAsync);
    }

    public Task<(WrittenOutcome Outcome, JobProgress Job)> WriteAsync(DocumentOutcome outcome, CancellationToken cancellationToken)
    {
        var pending = new Pending(outcome, new TaskCompletionSource<(WrittenOutcome, JobProgress)>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(OutcomeWriter), "the outcome writer is stopped");
        }

        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = await _store.WriteOutcomesAsync([.. batch.Select(p => p.Outcome)], CancellationToken.None);
                await RecordDocumentsAsync(batch);
                var jobs = result.Jobs.ToDictionary(j => j.JobId, StringComparer.Ordinal);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult((result.Outcomes[i], jobs[batch[i].Outcome.JobId]));
                }

                var inserted = result.Outcomes.Count(o => o.Inserted);
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Log.OutcomeBatchWritten(_logger, batch.Count, inserted, elapsedMs);
            }
            catch (Exception e)
            {
                // The handlers fail and the engine retries them; the loop goes on with the next batch.
                foreach (var pending in batch)
                {
                    pending.Result.TrySetException(e);
                }
            }

            batch.Clear();
        }
    }

    private async Task RecordDocumentsAsync(List<Pending> batch)
    {
        if (_metadata is null)
        {
            return;
        }

        foreach (var job in batch.Where(p => p.Outcome.Document is not null).GroupBy(p => p.Outcome.JobId, StringComparer.Ordinal))
        {
            await _metadata.DocumentsWrittenAsync([.. job.Select(p => DocumentRecord(p.Outcome.JobId, p.Outcome.Document!))], CancellationToken.None);
        }
    }

    private static DocumentMetadata DocumentRecord(string jobId, Cleaning.CleanedDocument d) => new(
        d.Id, jobId, d.Title, d.Authors.Count == 0 ? null : string.Join(", ", d.Authors), d.PublishedAt, d.Source, d.Url, d.Language, d.ContentHash);

    private sealed record Pending(DocumentOutcome Outcome, TaskCompletionSource<(WrittenOutcome, JobProgress)> Result);
}
