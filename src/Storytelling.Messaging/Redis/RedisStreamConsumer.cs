using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Storytelling.CloudEvents;
using Storytelling.Messaging.Internal;
using Storytelling.Redis;

namespace Storytelling.Messaging.Redis;

/// <summary>
/// The consumer-group engine: reads a stream with XREADGROUP BLOCK, hands each event to the handler with bounded
/// concurrency, and acknowledges only after success. Idempotency on CloudEvent <c>source</c> + <c>id</c> (a lease
/// while running, <c>done</c> after) keeps two deliveries of one event from both running and skips events already
/// handled. Failures are retried with exponential backoff and jitter up to <see cref="ConsumerOptions.MaxRetries"/>
/// attempts (handler starts, counted in Redis so they survive crashes), then moved to the dead-letter stream with the original entry,
/// the error, the attempts and the first and last failure times. Entries idle longer than
/// <see cref="ConsumerOptions.ReclaimIdleSeconds"/> (a crashed consumer's) are claimed with XAUTOCLAIM and finished here.
/// </summary>
public sealed class RedisStreamConsumer : IDisposable
{
    private const int CompleteChunk = 256;

    private readonly RedisClient _redis;
    private readonly ConsumerOptions _options;
    private readonly IEventProcessor _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IReadGate? _gate;
    private readonly string _token = $"{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<string, Task> _retries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _handlers = new();
    private readonly SemaphoreSlim _alone = new(1, 1);
    private volatile bool _running;

    /// <param name="gate">Asked before each read of new entries (e.g. <see cref="BackpressureGate"/>); none by default.</param>
    public RedisStreamConsumer(RedisClient redis, ConsumerOptions options, IEventProcessor handler, ILogger logger, TimeProvider? time = null, IReadGate? gate = null)
    {
        _gate = gate;
        _redis = redis;
        _options = options;
        _handler = handler;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        Statistics = new ConsumerStatistics(options.SourceStream, options.ConsumerGroup);
    }

    public ConsumerStatistics Statistics { get; }

    public bool IsRunning => _running;

    public ConsumerOptions Options => _options;

    /// <summary>The Redis the consumer reads its stream from (where its group's health is asked).</summary>
    public RedisClient Redis => _redis;

    private string Stream => _options.SourceStream;

    private string Group => _options.ConsumerGroup;

    private string Consumer => _options.ConsumerName;

    private TimeSpan ReclaimIdle => TimeSpan.FromSeconds(_options.ReclaimIdleSeconds);

    private TimeSpan LeaseLength => ReclaimIdle * 2;

    private int MaxAttempts => _options.RetryFailed ? _options.MaxRetries : 1;

    public void Dispose()
    {
        _handlers.Dispose();
        _alone.Dispose();
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then drains in-flight work within the shutdown timeout.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        await EnsureGroupAsync(stoppingToken);
        Log.Initialized(_logger, Stream, Group, Consumer, _options.StartId, _options.AutoProcess);
        if (!_options.AutoProcess)
        {
            await DryRunAsync(stoppingToken);
            return;
        }

        using var stopping = stoppingToken.Register(() =>
        {
            Log.Stopping(_logger, _inFlight.Count, _options.ShutdownTimeoutSeconds);
            _handlers.CancelAfter(TimeSpan.FromSeconds(_options.ShutdownTimeoutSeconds));
        });
        await using var reader = await _redis.CreateDedicatedConnectionAsync(stoppingToken);
        _running = true;
        Log.Running(_logger, Stream, Group, Consumer);
        var reclaiming = ReclaimLoopAsync(stoppingToken);
        try
        {
            if (_options.ProcessBacklog)
            {
                try
                {
                    await ProcessBacklogAsync(reader, stoppingToken);
                }
                catch (RedisException e)
                {
                    // A timeout, a lost connection or a deleted stream must not end the consumer: what the backlog did not reach is either
                    // never delivered (the read loop gets it) or pending here (the reclaimer takes it back once idle).
                    Log.BacklogFailed(_logger, e);
                }
            }

            await ReadLoopAsync(reader, stoppingToken);
        }
        finally
        {
            _running = false;
            await reclaiming;
            await Task.WhenAll(_retries.Values);
            Log.Stopped(_logger, Statistics.Processed, Statistics.Failed, Statistics.DeadLettered);
        }
    }

    private async Task ReadLoopAsync(RedisDedicatedConnection reader, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_gate is not null)
                {
                    await _gate.WaitAsync(_options.BatchSize, stoppingToken);
                }

                var entries = await reader.XReadGroupAsync(Group, Consumer, Stream, StreamId.NeverDelivered, _options.BatchSize,
                    TimeSpan.FromMilliseconds(_options.PollIntervalMs), cancellationToken: stoppingToken);
                failures = 0;
                if (entries.Count > 0)
                {
                    // Redis trouble in here leaves the entries pending: the reclaimer or another consumer finishes them.
                    await ProcessAsync(entries, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RedisServerException e) when (e.IsNoGroup)
            {
                await EnsureGroupAsync(stoppingToken);
            }
            catch (RedisException e)
            {
                var delay = Backoff.Delay(++failures, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
                Log.ReadFailed(_logger, e, (long)delay.TotalMilliseconds);
                await DelayAsync(delay, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Handles a batch of entries: parse and filter them, then start them a window at a time (as many as can run at
    /// once), run the handlers with bounded concurrency, and acknowledge the outcomes together.
    /// </summary>
    private async Task ProcessAsync(IReadOnlyList<StreamEntry> entries, CancellationToken stoppingToken)
    {
        var acknowledgeOnly = new ConcurrentBag<(StreamEntry Entry, string Key)>();
        var candidates = new List<(StreamEntry Entry, CloudEvent Event)>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.IsDeleted)
            {
                acknowledgeOnly.Add((entry, ""));
                continue;
            }

            var parsed = CloudEventStreamBinding.FromEntry(entry);
            if (!parsed.IsValid)
            {
                var reason = string.Join("; ", parsed.Errors.Select(e => $"{e.Attribute}: {e.Message}"));
                await DeadLetterAsync(entry, 0, "invalid_envelope", reason, "(invalid)", null, null, CancellationToken.None);
                continue;
            }

            var cloudEvent = parsed.Event;
            Statistics.OnConsumed(cloudEvent.Type);
            Log.Consumed(_logger, cloudEvent.Type, cloudEvent.Id, cloudEvent.Source, entry.Id);

            if (_options.ConsumeEvents.Count > 0 && !_options.ConsumeEvents.Contains(cloudEvent.Type, StringComparer.Ordinal))
            {
                Statistics.OnFiltered(cloudEvent.Type);
                Log.Filtered(_logger, cloudEvent.Type, cloudEvent.Id, entry.Id);

                acknowledgeOnly.Add((entry, ""));
                continue;
            }

            candidates.Add((entry, cloudEvent));
        }

        if (candidates.Count > 0)
        {
            using var heartbeat = new CancellationTokenSource();
            var renewing = RenewLoopAsync(candidates, heartbeat.Token);
            try
            {
                var alone = await RunWindowsAsync(candidates, runAlone: false, acknowledgeOnly, stoppingToken);
                foreach (var retry in alone)
                {
                    await RunWindowsAsync([retry], runAlone: true, acknowledgeOnly, stoppingToken);
                }
            }
            finally
            {
                await heartbeat.CancelAsync();
                await renewing;
            }
        }

        await CompleteAsync([.. acknowledgeOnly]);
    }

    /// <summary>
    /// Starts candidates only when a handler slot is free, so an entry's attempt is counted (ConsumerScripts.Start)
    /// only when its handler really starts: a consumer killed mid-batch has used up no attempt of the entries it read
    /// but never started. Outcomes are acknowledged with the next window (one pipelined round trip), so a consumer
    /// that dies mid-batch loses at most the outcomes of its last window. An entry whose handler already started
    /// before without an outcome (its consumer died or hung) is not started here but returned, to run alone: the
    /// handlers beside it would die with it if it kills its process again (ADR 5). Alone means alone in the process:
    /// while it runs, no other path of this consumer starts a handler.
    /// </summary>
    private async Task<List<(StreamEntry Entry, CloudEvent Event)>> RunWindowsAsync(
        List<(StreamEntry Entry, CloudEvent Event)> candidates,
        bool runAlone,
        ConcurrentBag<(StreamEntry Entry, string Key)> done,
        CancellationToken stoppingToken)
    {
        var alone = new List<(StreamEntry Entry, CloudEvent Event)>();
        if (runAlone && !await EnterAloneAsync(stoppingToken))
        {
            return alone;
        }

        try
        {
            await DriveWindowsAsync(candidates, runAlone, done, alone, stoppingToken);
        }
        finally
        {
            if (runAlone)
            {
                _alone.Release();
            }
        }

        return alone;
    }

    /// <summary>
    /// Waits until this entry can run alone in the process: no other path (read loop, backlog, reclaimer, retries)
    /// starts a handler meanwhile and the handlers already running have finished (waiting at most the reclaim idle
    /// time for them, so a hung handler does not stall the process). False when stopping first (the entry stays
    /// pending).
    /// </summary>
    private async Task<bool> EnterAloneAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _alone.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            var waiting = Stopwatch.GetTimestamp();
            while (!_inFlight.IsEmpty && Stopwatch.GetElapsedTime(waiting) < ReclaimIdle)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), _time, stoppingToken);
            }

            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _alone.Release();
            return false;
        }
    }

    private async Task DriveWindowsAsync(
        List<(StreamEntry Entry, CloudEvent Event)> candidates,
        bool runAlone,
        ConcurrentBag<(StreamEntry Entry, string Key)> done,
        List<(StreamEntry Entry, CloudEvent Event)> alone,
        CancellationToken stoppingToken)
    {
        var running = new List<Task>(_options.ConcurrentTasks);
        var next = 0;
        while (next < candidates.Count || running.Count > 0)
        {
            var free = _options.ConcurrentTasks - running.Count;
            if (free > 0 && next < candidates.Count && !stoppingToken.IsCancellationRequested)
            {
                var window = candidates.GetRange(next, Math.Min(free, candidates.Count - next));
                next += window.Count;
                var keys = window.Select(c => IdempotencyKey(c.Event)).ToArray();
                if (!runAlone)
                {
                    // Not while an entry runs alone; held until this window's handlers are registered as in flight.
                    await _alone.WaitAsync(CancellationToken.None);
                }

                try
                {
                    StartWindow(window, keys, await StartAsync(window, keys, runAlone, TakeAll(done)), running, alone, done, stoppingToken);
                }
                finally
                {
                    if (!runAlone)
                    {
                        _alone.Release();
                    }
                }

                continue;
            }

            if (running.Count == 0)
            {
                // Stopping with candidates never started: they stay pending (no attempt used) for the backlog or a reclaimer.
                break;
            }

            await Task.WhenAny(running);
            running.RemoveAll(t => t.IsCompleted);
        }

        await CompleteAsync(TakeAll(done));
    }

    private void StartWindow(
        List<(StreamEntry Entry, CloudEvent Event)> window,
        string[] keys,
        long[] attempts,
        List<Task> running,
        List<(StreamEntry Entry, CloudEvent Event)> alone,
        ConcurrentBag<(StreamEntry Entry, string Key)> done,
        CancellationToken stoppingToken)
    {
        for (var i = 0; i < window.Count; i++)
        {
            var (entry, cloudEvent) = window[i];
            var key = _options.CheckAlreadyProcessed ? keys[i] : "";
            switch (attempts[i])
            {
                case -2:
                    Statistics.OnDuplicate(cloudEvent.Type);
                    Log.DuplicateSkipped(_logger, cloudEvent.Type, cloudEvent.Id, cloudEvent.Source, entry.Id);
                    done.Add((entry, ""));
                    break;
                case -3:
                    // Another delivery of the same event holds its lease; this entry stays pending and is reclaimed
                    // later, when that delivery has either finished (then it is a duplicate) or died (lease expired).
                    break;
                case -5:
                    // Settled or claimed by another consumer since this one read it: that consumer owns it now.
                    break;
                case -4:
                    alone.Add(window[i]);
                    break;
                case var attempt when attempt > MaxAttempts:
                    // Handlers started on it more often than the budget without an outcome: consumers crashed or hung on it.
                    running.Add(DeadLetterAsync(entry, attempt - 1, "delivery_budget_exhausted",
                        $"handling started {attempt - 1} times without completing (limit {MaxAttempts}): consumers crashed or stopped while handling it",
                        cloudEvent.Type, key, null, CancellationToken.None));
                    break;
                case var attempt:
                    _inFlight[entry.Id.ToString()] = key;
                    running.Add(Task.Run(async () =>
                    {
                        if (await RunHandlerAsync(entry, cloudEvent, key, attempt, stoppingToken))
                        {
                            done.Add((entry, key));
                        }
                    }, CancellationToken.None));
                    break;
            }
        }
    }

    private static List<T> TakeAll<T>(ConcurrentBag<T> bag)
    {
        var taken = new List<T>(bag.Count);
        while (bag.TryTake(out var item))
        {
            taken.Add(item);
        }

        return taken;
    }

    /// <summary>Acknowledges <paramref name="completed"/> and starts <paramref name="window"/> in one pipelined round trip.</summary>
    private async Task<long[]> StartAsync(
        List<(StreamEntry Entry, CloudEvent Event)> window, string[] keys, bool runAlone, List<(StreamEntry Entry, string Key)> completed)
    {
        var completing = CompleteAsync(completed);
        var arguments = new List<RedisArgument>(5 + 2 * window.Count)
        {
            (long)LeaseLength.TotalMilliseconds, _options.CheckAlreadyProcessed ? "1" : "0", runAlone ? "1" : "0", Group, Consumer,
        };
        foreach (var (entry, _) in window)
        {
            arguments.Add(LeaseToken(entry.Id));
            arguments.Add(entry.Id);
        }

        string[] scriptKeys = _options.CheckAlreadyProcessed ? [AttemptsKey, Stream, .. keys] : [AttemptsKey, Stream];
        var starting = ConsumerScripts.Start.RunAsync(_redis, scriptKeys, arguments, CancellationToken.None);
        await completing;
        var result = (await starting).AsArray();
        return [.. result.Select(r => r.AsInt64())];
    }

    /// <summary>Runs the handler once; returns true on success. Failures are recorded, retried or dead-lettered here.</summary>
    private async Task<bool> RunHandlerAsync(StreamEntry entry, CloudEvent cloudEvent, string key, long attempt, CancellationToken stoppingToken)
    {
        var entryId = entry.Id.ToString();
        var started = Stopwatch.GetTimestamp();
        Statistics.OnDelivered(_time.GetUtcNow() - entry.Id.Timestamp);
        using var scope = _logger.BeginScope(new EventLogScope(cloudEvent, Stream, entryId, attempt));
        try
        {
            await _handler.HandleAsync(new EventContext(cloudEvent, Stream, entryId, attempt, _handlers.Token));
            Statistics.OnProcessed(cloudEvent.Type, Stopwatch.GetElapsedTime(started));
            return true;
        }
        catch (OperationCanceledException) when (_handlers.IsCancellationRequested)
        {
            // Shut down mid-handling: not an attempt that failed. Release the lease and give the attempt back; the entry
            // stays pending for another consumer.
            await ConsumerScripts.Abandon.RunAsync(_redis, [AttemptsKey, key.Length > 0 ? key : FailureKey(entryId) + ":none"],
                [LeaseToken(entry.Id), entryId], CancellationToken.None);
            return false;
        }
        catch (Exception e)
        {
            Statistics.OnHandlerFailed(Stopwatch.GetElapsedTime(started));
            await OnFailureAsync(entry, cloudEvent, key, attempt, e, stoppingToken);
            return false;
        }
        finally
        {
            _inFlight.TryRemove(entryId, out _);
        }
    }

    private async Task OnFailureAsync(StreamEntry entry, CloudEvent cloudEvent, string key, long attempt, Exception error, CancellationToken stoppingToken)
    {
        Statistics.OnFailed(cloudEvent.Type);
        var entryId = entry.Id.ToString();
        var now = FormatTime(_time.GetUtcNow());
        var firstFailure = (await ConsumerScripts.Fail.RunAsync(_redis, [FailureKey(entryId), key.Length > 0 ? key : FailureKey(entryId) + ":none"],
            [now, error.GetType().Name, error.Message, Consumer, (long)TimeSpan.FromHours(_options.DeduplicationTtlHours).TotalSeconds, LeaseToken(entry.Id)],
            CancellationToken.None)).AsString() ?? now;
        if (attempt >= MaxAttempts)
        {
            await DeadLetterAsync(entry, attempt, error.GetType().Name, error.Message, cloudEvent.Type, key, firstFailure, CancellationToken.None);
            return;
        }

        var delay = Backoff.Delay((int)attempt, TimeSpan.FromSeconds(_options.RetryDelaySeconds), TimeSpan.FromMinutes(10));
        Log.Failed(_logger, error, cloudEvent.Type, cloudEvent.Id, entryId, attempt, MaxAttempts, (long)delay.TotalMilliseconds);
        _retries[entryId] = RetryLaterAsync(entry.Id, delay, stoppingToken);
    }

    private async Task RetryLaterAsync(StreamId id, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken);
            // Claim it back only if nobody touched it meanwhile (another consumer's reclaimer may have taken it).
            var claimed = await _redis.XClaimAsync(Stream, Group, Consumer, delay * 0.9, [id], stoppingToken);
            if (claimed.Count == 0)
            {
                return;
            }

            Statistics.OnRetried();
            await ProcessAsync(claimed, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the entry stays pending and is picked up by the backlog or another consumer's reclaimer.
        }
        catch (RedisException e)
        {
            Log.ReadFailed(_logger, e, 0);
        }
        finally
        {
            _retries.TryRemove(id.ToString(), out _);
        }
    }

    private async Task DeadLetterAsync(
        StreamEntry entry, long attempts, string reason, string message, string eventType, string? key, string? firstFailure, CancellationToken cancellationToken)
    {
        var entryId = entry.Id.ToString();
        var now = FormatTime(_time.GetUtcNow());
        var arguments = new List<RedisArgument>(4 + 2 * (entry.Fields.Count + 10)) { Group, entryId };
        foreach (var (field, value) in entry.Fields)
        {
            arguments.Add(field);
            arguments.Add(value);
        }

        AddField(arguments, DeadLetterFields.Reason, reason);
        AddField(arguments, DeadLetterFields.ErrorMessage, message);
        AddField(arguments, DeadLetterFields.Attempts, attempts.ToString(CultureInfo.InvariantCulture));
        AddField(arguments, DeadLetterFields.FirstFailure, firstFailure ?? now);
        AddField(arguments, DeadLetterFields.LastFailure, now);
        AddField(arguments, DeadLetterFields.Consumer, Consumer);
        AddField(arguments, DeadLetterFields.Group, Group);
        AddField(arguments, DeadLetterFields.SourceStream, Stream);
        AddField(arguments, DeadLetterFields.SourceEntryId, entryId);
        var deadLetterId = await ConsumerScripts.DeadLetter.RunAsync(
            _redis, [Stream, _options.DeadLetterStream, FailureKey(entryId), AttemptsKey], arguments, cancellationToken);
        if (!string.IsNullOrEmpty(key))
        {
            await ConsumerScripts.Release.RunAsync(_redis, [key], [LeaseToken(entry.Id)], cancellationToken);
        }

        if (deadLetterId.IsNull)
        {
            Log.DeadLetterSkipped(_logger, entryId, eventType, reason);
            return;
        }

        Statistics.OnDeadLettered(eventType);
        Log.DeadLettered(_logger, entryId, eventType, entry.GetString(CloudEventStreamBinding.AttributePrefix + "id") ?? "?",
            attempts, $"{reason}: {message}", _options.DeadLetterStream, deadLetterId.AsString() ?? "?");
    }

    private async Task CompleteAsync(List<(StreamEntry Entry, string Key)> done)
    {
        foreach (var chunk in done.Chunk(CompleteChunk))
        {
            var arguments = new List<RedisArgument>(2 + 2 * chunk.Length)
            {
                Group,
                (long)TimeSpan.FromHours(_options.DeduplicationTtlHours).TotalSeconds,
            };
            foreach (var (entry, key) in chunk)
            {
                arguments.Add(entry.Id);
                arguments.Add(key);
            }

            await ConsumerScripts.Complete.RunAsync(_redis, [Stream, AttemptsKey], arguments, CancellationToken.None);
        }
    }

    /// <summary>While a batch runs, keeps its entries from looking idle (XCLAIM JUSTID) and extends their leases.</summary>
    private async Task RenewLoopAsync(List<(StreamEntry Entry, CloudEvent Event)> batch, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ReclaimIdle / 3, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var running = batch.Select(b => (b.Entry, Key: _inFlight.GetValueOrDefault(b.Entry.Id.ToString()))).Where(r => r.Key is not null).ToList();
                if (running.Count == 0)
                {
                    continue;
                }

                RedisArgument[] claim = ["XCLAIM", Stream, Group, Consumer, 0L, .. running.Select(r => (RedisArgument)r.Entry.Id), "JUSTID"];
                await _redis.ExecuteAsync(claim, cancellationToken);
                var leased = running.Where(r => r.Key!.Length > 0).ToList();
                if (leased.Count > 0)
                {
                    RedisArgument[] arguments = [(long)LeaseLength.TotalMilliseconds, .. leased.Select(r => (RedisArgument)LeaseToken(r.Entry.Id))];
                    await ConsumerScripts.Renew.RunAsync(_redis, [.. leased.Select(r => r.Key!)], arguments, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The batch finished.
        }
    }

    private async Task ReclaimLoopAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.05, _options.ReclaimIdleSeconds / 2));
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await DelayAsync(interval, stoppingToken))
            {
                break;
            }

            try
            {
                var start = StreamId.Min;
                do
                {
                    var result = await _redis.XAutoClaimAsync(Stream, Group, Consumer, ReclaimIdle, start, _options.BatchSize, stoppingToken);
                    if (result.Entries.Count > 0 || result.DeletedIds.Count > 0)
                    {
                        Statistics.OnReclaimed(result.Entries.Count);
                        Log.Reclaimed(_logger, result.Entries.Count, _options.ReclaimIdleSeconds, result.DeletedIds.Count);
                    }

                    if (result.Entries.Count > 0)
                    {
                        await ProcessAsync(result.Entries, stoppingToken);
                    }

                    start = result.NextStartId;
                }
                while (start != StreamId.Min && !stoppingToken.IsCancellationRequested);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RedisServerException e) when (e.IsNoGroup)
            {
                await EnsureGroupAsync(stoppingToken);
            }
            catch (RedisException e)
            {
                Log.ReadFailed(_logger, e, (long)interval.TotalMilliseconds);
            }
        }
    }

    private async Task ProcessBacklogAsync(RedisDedicatedConnection reader, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        var summary = await _redis.XPendingAsync(Stream, Group, stoppingToken);
        var pending = summary.Consumers.FirstOrDefault(c => c.Name == Consumer)?.Count ?? 0;
        var groupInfo = (await _redis.XInfoGroupsAsync(Stream, stoppingToken)).FirstOrDefault(g => g.Name == Group);
        var boundary = (await _redis.XInfoStreamAsync(Stream, stoppingToken)).LastGeneratedId;
        Log.BacklogStarted(_logger, pending, groupInfo?.Lag ?? -1, _options.BacklogMaxAgeHours, _options.BacklogBatchSize);

        long entries = 0, skipped = 0;
        var batch = 0;
        // First this consumer's own pending entries (a restart after a crash), then what was never delivered, up to
        // the last entry that existed at start; newer entries are the ordinary read loop's.
        var after = StreamId.Min;
        var ownPending = pending > 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!ownPending && _gate is not null)
            {
                // Entries never delivered are new work, held back like the read loop's (own pending ones are finished first).
                await _gate.WaitAsync(_options.BacklogBatchSize, stoppingToken);
            }

            var read = await reader.XReadGroupAsync(Group, Consumer, Stream, ownPending ? after : StreamId.NeverDelivered,
                _options.BacklogBatchSize, cancellationToken: stoppingToken);
            if (read.Count == 0)
            {
                if (!ownPending)
                {
                    break;
                }

                ownPending = false;
                continue;
            }

            var cutoff = _options.BacklogMaxAgeHours > 0 ? _time.GetUtcNow() - TimeSpan.FromHours(_options.BacklogMaxAgeHours) : DateTimeOffset.MinValue;
            var tooOld = read.Where(e => e.Id.Timestamp < cutoff).Select(e => (e, "")).ToList();
            var current = read.Where(e => e.Id.Timestamp >= cutoff).ToList();
            if (tooOld.Count > 0)
            {
                await CompleteAsync(tooOld);
                Statistics.OnBacklogSkipped(tooOld.Count);
            }

            if (current.Count > 0)
            {
                await ProcessAsync(current, stoppingToken);
            }

            entries += read.Count;
            skipped += tooOld.Count;
            Log.BacklogBatch(_logger, ++batch, read.Count, tooOld.Count);
            after = read[^1].Id;
            if (!ownPending && after >= boundary)
            {
                break;
            }
        }

        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Log.BacklogCompleted(_logger, entries, skipped, elapsedMs);
    }

    /// <summary>auto_process off: reads new entries without the group (nothing is claimed or acknowledged) and logs them.</summary>
    private async Task DryRunAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Running only once the starting position is known: an event published after IsRunning turns true is seen.
            var last = (await _redis.XInfoStreamAsync(Stream, stoppingToken)).LastGeneratedId;
            _running = true;
            Log.Running(_logger, Stream, Group, Consumer);
            while (!stoppingToken.IsCancellationRequested)
            {
                var entries = await _redis.XRangeAsync(Stream, last.Increment(), StreamId.Max, _options.BatchSize, stoppingToken);
                if (entries.Count == 0)
                {
                    if (!await DelayAsync(TimeSpan.FromMilliseconds(Math.Min(_options.PollIntervalMs, 250)), stoppingToken))
                    {
                        break;
                    }

                    continue;
                }

                foreach (var entry in entries)
                {
                    var parsed = CloudEventStreamBinding.FromEntry(entry);
                    var type = parsed.Event?.Type ?? "(invalid)";
                    Statistics.OnConsumed(type);
                    Log.ConsumedNotProcessed(_logger, type, parsed.Event?.Id ?? "?", entry.Id);

                }

                last = entries[^1].Id;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            _running = false;
        }
    }

    private async Task EnsureGroupAsync(CancellationToken cancellationToken)
    {
        try
        {
            var start = _options.StartId switch
            {
                "$" => StreamId.LastEntry,
                "0" => StreamId.Min,
                var id => StreamId.Parse(id),
            };
            await _redis.XGroupCreateAsync(Stream, Group, start, makeStream: true, cancellationToken: cancellationToken);
            Log.GroupCreated(_logger, Stream, Group, _options.StartId);
        }
        catch (RedisServerException e) when (e.IsBusyGroup)
        {
            // The group exists: its position is kept.
        }
    }

    private string IdempotencyKey(CloudEvent cloudEvent) =>
        $"storytelling:done:{Group}:{cloudEvent.Source.Length}:{cloudEvent.Source}:{cloudEvent.Id}";

    /// <summary>Unique per delivery: the same event in two entries, even in one batch, never shares a lease.</summary>
    private string LeaseToken(StreamId entryId) => $"{_token}:{entryId}";

    /// <summary>One hash per stream and group: entry id → handler starts without an outcome yet (the attempt budget).</summary>
    private string AttemptsKey => $"storytelling:attempts:{Stream}:{Group}";

    private string FailureKey(string entryId) => $"storytelling:failures:{Stream}:{Group}:{entryId}";

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static void AddField(List<RedisArgument> arguments, string name, string value)
    {
        arguments.Add(name);
        arguments.Add(value);
    }

    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
