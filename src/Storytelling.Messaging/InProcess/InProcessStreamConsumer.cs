using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Storytelling.CloudEvents;
using Storytelling.Messaging.Internal;

namespace Storytelling.Messaging.InProcess;

/// <summary>
/// A consumer of an <see cref="InProcessEventBus"/> with the Redis engine's contract: up to
/// <see cref="ConsumerOptions.ConcurrentTasks"/> handlers at once; events of other types than
/// <see cref="ConsumerOptions.ConsumeEvents"/> counted as filtered; an event whose <c>source</c> + <c>id</c> the group
/// already handled (within <see cref="ConsumerOptions.DeduplicationTtlHours"/>) skipped, and two deliveries of one
/// event never running at once; a failure retried after <c>retry_delay_seconds x 2^(attempt-1)</c> (plus up to 25%
/// jitter, at most 10 minutes) until <see cref="ConsumerOptions.MaxRetries"/> attempts, then dead-lettered with the
/// error, attempts and first and last failure times. Stopping takes no new event, lets running handlers finish
/// within <see cref="ConsumerOptions.ShutdownTimeoutSeconds"/> (then cancels their token) and gives every unfinished
/// event back to the group, for its other consumers or the next run. With <see cref="ConsumerOptions.AutoProcess"/>
/// off, new events are logged (<c>event_consumed_not_processed</c>) and left to the group.
/// </summary>
public sealed class InProcessStreamConsumer : IDisposable
{
    private readonly InProcessLog _log;
    private readonly ConsumerOptions _options;
    private readonly IEventProcessor _handler;
    private readonly InProcessEventBus _owner;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Task, byte> _retries = new();
    private readonly CancellationTokenSource _handlers = new();
    private volatile bool _running;

    internal InProcessStreamConsumer(
        InProcessLog log, ConsumerOptions options, IEventProcessor handler, InProcessEventBus owner, ILogger logger, TimeProvider time)
    {
        _log = log;
        _options = options;
        _handler = handler;
        _owner = owner;
        _logger = logger;
        _time = time;
        Statistics = new ConsumerStatistics(options.SourceStream, options.ConsumerGroup);
    }

    public ConsumerStatistics Statistics { get; }

    public bool IsRunning => _running;

    public ConsumerOptions Options => _options;

    private int MaxAttempts => _options.RetryFailed ? _options.MaxRetries : 1;

    public void Dispose() => _handlers.Dispose();

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then drains in-flight work within the shutdown timeout.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        Log.Initialized(_logger, _options.SourceStream, _options.ConsumerGroup, _options.ConsumerName, _options.StartId, _options.AutoProcess);
        if (!_options.AutoProcess)
        {
            await DryRunAsync(stoppingToken);
            return;
        }

        var group = _log.Group(_options.ConsumerGroup, _options.StartId, out var created);
        if (created)
        {
            Log.GroupCreated(_logger, _options.SourceStream, _options.ConsumerGroup, _options.StartId);
        }

        using var stopping = stoppingToken.Register(() =>
        {
            Log.Stopping(_logger, 0, _options.ShutdownTimeoutSeconds);
            _handlers.CancelAfter(TimeSpan.FromSeconds(_options.ShutdownTimeoutSeconds));
        });
        _running = true;
        Log.Running(_logger, _options.SourceStream, _options.ConsumerGroup, _options.ConsumerName);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, _options.ConcurrentTasks).Select(_ => WorkAsync(group, stoppingToken)));
        }
        finally
        {
            await Task.WhenAll(_retries.Keys);
            _running = false;
            Log.Stopped(_logger, Statistics.Processed, Statistics.Failed, Statistics.DeadLettered);
        }
    }

    private async Task WorkAsync(InProcessGroup group, CancellationToken stoppingToken)
    {
        try
        {
            while (await group.Waiting.WaitToReadAsync(stoppingToken))
            {
                while (!stoppingToken.IsCancellationRequested && group.Waiting.TryRead(out var waiting))
                {
                    await HandleAsync(group, waiting with { DeliveryCount = waiting.DeliveryCount + 1 }, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still waiting stays with the group.
        }
    }

    private async Task HandleAsync(InProcessGroup group, InProcessDelivery delivery, CancellationToken stoppingToken)
    {
        var entry = delivery.Entry;
        var cloudEvent = entry.Event;
        Statistics.OnConsumed(cloudEvent.Type);
        Log.Consumed(_logger, cloudEvent.Type, cloudEvent.Id, cloudEvent.Source, entry.Id);
        if (_options.ConsumeEvents.Count > 0 && !_options.ConsumeEvents.Contains(cloudEvent.Type, StringComparer.Ordinal))
        {
            Statistics.OnFiltered(cloudEvent.Type);
            Log.Filtered(_logger, cloudEvent.Type, cloudEvent.Id, entry.Id);
            return;
        }

        var key = _options.CheckAlreadyProcessed ? $"{cloudEvent.Source.Length}:{cloudEvent.Source}:{cloudEvent.Id}" : null;
        if (key is not null)
        {
            switch (group.Claim(key, _time.GetUtcNow(), out var released))
            {
                case InProcessGroup.ClaimResult.Done:
                    Statistics.OnDuplicate(cloudEvent.Type);
                    Log.DuplicateSkipped(_logger, cloudEvent.Type, cloudEvent.Id, cloudEvent.Source, entry.Id);
                    return;
                case InProcessGroup.ClaimResult.Busy:
                    // Another delivery of the same event runs: look again when it has finished (then this is a duplicate) or failed.
                    Track(GiveBackAfterAsync(group, delivery with { DeliveryCount = delivery.DeliveryCount - 1 }, released));
                    return;
            }
        }

        var started = Stopwatch.GetTimestamp();
        Statistics.OnDelivered(_time.GetUtcNow() - entry.PublishedAt);
        try
        {
            await _handler.HandleAsync(new EventContext(cloudEvent, _options.SourceStream, entry.Id.ToString(), delivery.DeliveryCount, _handlers.Token));
            Statistics.OnProcessed(cloudEvent.Type, Stopwatch.GetElapsedTime(started));
            if (key is not null)
            {
                var now = _time.GetUtcNow();
                group.Complete(key, now + TimeSpan.FromHours(_options.DeduplicationTtlHours), now);
            }
        }
        catch (OperationCanceledException) when (_handlers.IsCancellationRequested)
        {
            // Stopped mid-handling: not a failed attempt. The event goes back to the group.
            Release(group, key);
            group.Offer(delivery with { DeliveryCount = delivery.DeliveryCount - 1 });
        }
        catch (Exception e)
        {
            Statistics.OnHandlerFailed(Stopwatch.GetElapsedTime(started));
            Release(group, key);
            OnFailure(group, delivery, e, stoppingToken);
        }
    }

    private void OnFailure(InProcessGroup group, InProcessDelivery delivery, Exception error, CancellationToken stoppingToken)
    {
        var cloudEvent = delivery.Entry.Event;
        var entryId = delivery.Entry.Id.ToString();
        var now = _time.GetUtcNow();
        Statistics.OnFailed(cloudEvent.Type);
        var failed = delivery with { FirstFailure = delivery.FirstFailure ?? now };
        if (delivery.DeliveryCount >= MaxAttempts)
        {
            var letter = _owner.AddDeadLetter(_options.DeadLetterStream, id => new DeadLetter(
                id, _options.SourceStream, entryId, _options.ConsumerGroup, _options.ConsumerName, error.GetType().Name, error.Message,
                delivery.DeliveryCount, failed.FirstFailure, now, 0, cloudEvent, null));
            Statistics.OnDeadLettered(cloudEvent.Type);
            Log.DeadLettered(_logger, entryId, cloudEvent.Type, cloudEvent.Id, delivery.DeliveryCount, $"{letter.Reason}: {letter.ErrorMessage}",
                _options.DeadLetterStream, letter.Id);
            return;
        }

        var delay = Backoff.Delay(delivery.DeliveryCount, TimeSpan.FromSeconds(_options.RetryDelaySeconds), TimeSpan.FromMinutes(10));
        Log.Failed(_logger, error, cloudEvent.Type, cloudEvent.Id, entryId, delivery.DeliveryCount, MaxAttempts, (long)delay.TotalMilliseconds);
        Track(RetryLaterAsync(group, failed, delay, stoppingToken));
    }

    private async Task RetryLaterAsync(InProcessGroup group, InProcessDelivery delivery, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken);
            Statistics.OnRetried();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: give it back at once, for another consumer of the group or the next run.
        }

        group.Offer(delivery);
    }

    private static async Task GiveBackAfterAsync(InProcessGroup group, InProcessDelivery delivery, Task released)
    {
        await released;
        group.Offer(delivery);
    }

    private void Track(Task task)
    {
        _retries[task] = 0;
        _ = task.ContinueWith(t => _retries.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void Release(InProcessGroup group, string? key)
    {
        if (key is not null)
        {
            group.Release(key);
        }
    }

    /// <summary>auto_process off: watches new events without joining the group, so the group still gets every one of them.</summary>
    private async Task DryRunAsync(CancellationToken stoppingToken)
    {
        var observerName = $"dry-run:{_options.ConsumerName}:{Guid.NewGuid():N}";
        var observer = _log.Group(observerName, "$", out _);
        _log.Group(_options.ConsumerGroup, _options.StartId, out _);
        _running = true;
        Log.Running(_logger, _options.SourceStream, _options.ConsumerGroup, _options.ConsumerName);
        try
        {
            await foreach (var waiting in observer.Waiting.ReadAllAsync(stoppingToken))
            {
                var cloudEvent = waiting.Entry.Event;
                Statistics.OnConsumed(cloudEvent.Type);
                Log.ConsumedNotProcessed(_logger, cloudEvent.Type, cloudEvent.Id, waiting.Entry.Id);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            _log.RemoveGroup(observerName);
            _running = false;
        }
    }
}
