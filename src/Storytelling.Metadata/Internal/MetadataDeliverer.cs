using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Storytelling.Metadata.Internal;

/// <summary>
/// Drains outboxes into the primary (ADR 9): any outbox a stopped process left in the folder (looked for at start and
/// every minute), and this process's own, each in order, <see cref="MetadataRegistryOptions.BatchSize"/> entries per transaction,
/// once the writes pause (<see cref="LingerAsync"/>). After a commit the jobs'
/// cache entries are overwritten with the committed rows and the entries are deleted; a crash between the two
/// redelivers them, which the primary's upserts absorb. While the primary (or the cache) is down the attempt is retried
/// with a delay doubling from 100 ms to <see cref="MetadataRegistryOptions.RetryMaxSeconds"/>; nothing is dropped.
/// </summary>
internal sealed class MetadataDeliverer : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OrphanScanInterval = TimeSpan.FromMinutes(1);

    private readonly MetadataOutbox _outbox;
    private readonly IMetadataStore _store;
    private readonly Func<CancellationToken, Task> _prepare;
    private readonly MetadataCache? _cache;
    private readonly MetadataRegistryOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private bool _prepared;
    private int _failures;

    public MetadataDeliverer(
        MetadataOutbox outbox, IMetadataStore store, Func<CancellationToken, Task> prepare, MetadataCache? cache, MetadataRegistryOptions options, ILogger logger)
    {
        _outbox = outbox;
        _store = store;
        _prepare = prepare;
        _cache = cache;
        _options = options;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Wakes the loop: something was appended.</summary>
    public void Notify()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another appender woke it first.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _wake.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var nextScan = DateTime.MinValue;
            while (true)
            {
                if (DateTime.UtcNow >= nextScan)
                {
                    await AdoptOrphansAsync(cancellationToken);
                    nextScan = DateTime.UtcNow + OrphanScanInterval;
                }

                await DrainAsync(_outbox, cancellationToken);
                if (await _wake.WaitAsync(IdleWait, cancellationToken))
                {
                    await LingerAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what is left stays in the outbox for the next start (or another process) to deliver.
        }
    }

    /// <summary>
    /// After a write, waits until the writes pause for <see cref="MetadataRegistryOptions.DeliveryLingerMs"/>, a whole
    /// batch waits, or <see cref="MetadataRegistryOptions.DeliveryMaxDelayMs"/> has passed: while a stage is busy its
    /// records wait and join one transaction, instead of each delivery competing with the stage for the cores and the
    /// database's commits.
    /// </summary>
    private async Task LingerAsync(CancellationToken cancellationToken)
    {
        if (_options.DeliveryLingerMs <= 0)
        {
            return;
        }

        var quiet = TimeSpan.FromMilliseconds(_options.DeliveryLingerMs);
        var started = Stopwatch.GetTimestamp();
        var maxDelay = TimeSpan.FromMilliseconds(Math.Max(_options.DeliveryMaxDelayMs, _options.DeliveryLingerMs));
        while (_outbox.Pending < _options.BatchSize)
        {
            var left = maxDelay - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero || !await _wake.WaitAsync(left < quiet ? left : quiet, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Delivers and deletes the outboxes in the folder whose process is gone (their lock is free).</summary>
    private async Task AdoptOrphansAsync(CancellationToken cancellationToken)
    {
        foreach (var file in MetadataOutbox.OthersIn(_options.OutboxDir))
        {
            using var orphan = MetadataOutbox.TryAdopt(file);
            if (orphan is null)
            {
                continue;
            }

            Log.Adopted(_logger, file, orphan.Pending);
            MetadataMetrics.Track(orphan);
            try
            {
                await DrainAsync(orphan, cancellationToken);
            }
            finally
            {
                MetadataMetrics.Untrack(orphan);
            }

            orphan.DisposeAndDelete();
        }
    }

    private async Task DrainAsync(MetadataOutbox outbox, CancellationToken cancellationToken)
    {
        var delay = FirstRetry;
        while (true)
        {
            var batch = outbox.Peek(_options.BatchSize);
            if (batch.Count == 0)
            {
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                if (!_prepared)
                {
                    await _prepare(cancellationToken);
                    _prepared = true;
                }

                var jobs = await _store.ApplyAsync(batch, cancellationToken);
                if (_cache is not null)
                {
                    foreach (var job in jobs)
                    {
                        await _cache.PutAsync(job, cancellationToken);
                    }
                }

                outbox.RemoveThrough(batch[^1].Seq);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                foreach (var group in batch.GroupBy(b => (b.Stage, b.EntityType)))
                {
                    MetadataMetrics.Writes(group.Key.Stage, group.Key.EntityType, "failure", group.Count());
                }

                _failures++;
                var oldestAge = outbox.OldestCreatedMs == 0 ? 0 : (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - outbox.OldestCreatedMs) / 1000.0;
                Log.Unavailable(_logger, e, _options.PrimaryBackend, outbox.Pending, oldestAge, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(_options.RetryMaxSeconds).Ticks));
                continue;
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            foreach (var group in batch.GroupBy(b => (b.Stage, b.EntityType)))
            {
                MetadataMetrics.Writes(group.Key.Stage, group.Key.EntityType, "success", group.Count());
                MetadataMetrics.WriteSeconds(group.Key.Stage, group.Key.EntityType, elapsed);
            }

            if (_failures > 0)
            {
                Log.Recovered(_logger, _options.PrimaryBackend, _failures, outbox.Pending);
                _failures = 0;
            }

            delay = FirstRetry;
            var lastRow = MetadataOutbox.RowOf(batch[^1].Seq);
            Log.Delivered(_logger, batch.Count, lastRow, elapsed * 1000, outbox.Pending);
        }
    }
}
