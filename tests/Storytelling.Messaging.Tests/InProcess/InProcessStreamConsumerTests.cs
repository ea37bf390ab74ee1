using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Storytelling.CloudEvents;
using Storytelling.Messaging.InProcess;

namespace Storytelling.Messaging.Tests.InProcess;

/// <summary>The in-process consumer against the same expectations as the Redis consumer.</summary>
public sealed class InProcessStreamConsumerTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private const string Stream = "events";
    private readonly InProcessEventBus _bus = new();
    private readonly List<(InProcessStreamConsumer Consumer, CancellationTokenSource Stop, Task Run)> _consumers = [];

    [Fact]
    public async Task Published_events_are_handled_once()
    {
        var seen = new ConcurrentBag<string>();
        var consumer = Run(Options(), context =>
        {
            seen.Add(context.Event.Id);
            return Task.CompletedTask;
        });

        for (var i = 0; i < 50; i++)
        {
            await _bus.PublishAsync(Stream, Event($"e{i}"), CancellationToken.None);
        }

        await EventuallyAsync(() => consumer.Statistics.Processed == 50, "all 50 processed");
        Assert.Equal(50, seen.Count);
        Assert.Equal(50, seen.Distinct().Count());
        Assert.Equal(50, consumer.Statistics.TotalConsumed);
    }

    [Fact]
    public async Task Events_of_other_types_are_counted_as_filtered_and_not_handled()
    {
        var options = Options();
        options.ConsumeEvents = [EventTypes.CleaningJobCompleted];
        var seen = new ConcurrentBag<string>();
        var consumer = Run(options, context =>
        {
            seen.Add(context.Event.Type);
            return Task.CompletedTask;
        });

        await _bus.PublishManyAsync(Stream, [Event("a", EventTypes.DocumentCleaned), Event("b", EventTypes.CleaningJobCompleted)], CancellationToken.None);

        await EventuallyAsync(() => consumer.Statistics.Processed == 1 && consumer.Statistics.Filtered == 1, "one processed, one filtered");
        Assert.Equal([EventTypes.CleaningJobCompleted], seen);
    }

    [Fact]
    public async Task Same_source_and_id_published_twice_is_handled_once()
    {
        var handled = 0;
        var consumer = Run(Options(), _ =>
        {
            Interlocked.Increment(ref handled);
            return Task.CompletedTask;
        });

        await _bus.PublishAsync(Stream, Event("dup"), CancellationToken.None);
        await EventuallyAsync(() => consumer.Statistics.Processed == 1, "first copy processed");
        await _bus.PublishManyAsync(Stream, [Event("dup"), Event("dup", source: "/other-source")], CancellationToken.None);

        await EventuallyAsync(() => consumer.Statistics.DuplicatesSkipped == 1 && consumer.Statistics.Processed == 2, "copy skipped, other source processed");
        Assert.Equal(2, handled);
    }

    [Fact]
    public async Task Two_copies_of_one_event_never_run_at_the_same_time()
    {
        var running = 0;
        var overlaps = 0;
        var handled = 0;
        var consumer = Run(Options(), async _ =>
        {
            if (Interlocked.Increment(ref running) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Delay(50);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref handled);
        });

        await _bus.PublishManyAsync(Stream, [Event("same"), Event("same"), Event("same")], CancellationToken.None);

        await EventuallyAsync(() => consumer.Statistics.DuplicatesSkipped == 2, "both copies skipped");
        Assert.Equal(0, overlaps);
        Assert.Equal(1, handled);
    }

    [Fact]
    public async Task Poison_event_is_dead_lettered_after_exactly_max_retries_attempts_with_its_reason_without_stalling_others()
    {
        var attempts = new ConcurrentBag<long>();
        var good = 0;
        var consumer = Run(Options(), context =>
        {
            if (context.Event.Id == "poison")
            {
                attempts.Add(context.Attempt);
                throw new InvalidOperationException("cannot handle poison");
            }

            Interlocked.Increment(ref good);
            return Task.CompletedTask;
        });

        await _bus.PublishAsync(Stream, Event("poison"), CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            await _bus.PublishAsync(Stream, Event($"good-{i}"), CancellationToken.None);
        }

        await EventuallyAsync(() => consumer.Statistics.DeadLettered == 1, "poison dead-lettered");
        Assert.Equal([1L, 2L, 3L], attempts.Order());
        Assert.Equal(10, good);
        var letter = Assert.Single(_bus.ReadDeadLetters("failed"));
        Assert.Equal("poison", letter.Event?.Id);
        Assert.Equal("InvalidOperationException", letter.Reason);
        Assert.Equal("cannot handle poison", letter.ErrorMessage);
        Assert.Equal(3, letter.Attempts);
        Assert.Equal("consumer-1", letter.Consumer);
        Assert.Equal(Stream, letter.SourceStream);
        Assert.True(letter.FirstFailure <= letter.LastFailure);
        Assert.Equal(2, consumer.Statistics.Retried);
    }

    [Fact]
    public async Task Retries_wait_longer_each_time()
    {
        var options = Options();
        options.RetryDelaySeconds = 0.1;
        var times = new ConcurrentQueue<long>();
        var consumer = Run(options, _ =>
        {
            times.Enqueue(Stopwatch.GetTimestamp());
            throw new InvalidOperationException("always");
        });

        await _bus.PublishAsync(Stream, Event("slow-poison"), CancellationToken.None);

        await EventuallyAsync(() => consumer.Statistics.DeadLettered == 1, "dead-lettered");
        var at = times.ToArray();
        Assert.True(Stopwatch.GetElapsedTime(at[0], at[1]) >= TimeSpan.FromMilliseconds(100), "first retry after at least the base delay");
        Assert.True(Stopwatch.GetElapsedTime(at[1], at[2]) >= TimeSpan.FromMilliseconds(200), "second retry after at least twice the base delay");
    }

    [Fact]
    public async Task Handling_time_is_recorded_for_failed_attempts_too_by_outcome()
    {
        var options = Options();
        options.ConsumerGroup = "timed-" + Guid.NewGuid().ToString("N");
        var measured = new ConcurrentQueue<(double Seconds, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConsumerStatistics.MeterName && instrument.Name == "storytelling.consumer.handle.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var (group, outcome) = ((string?)null, (string?)null);
            foreach (var tag in tags)
            {
                group = tag.Key == "group" ? tag.Value as string : group;
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
            }

            if (group == options.ConsumerGroup)
            {
                measured.Enqueue((value, outcome));
            }
        });
        listener.Start();
        var attempts = 0;
        var consumer = Run(options, async _ =>
        {
            await Task.Delay(60);
            if (Interlocked.Increment(ref attempts) == 1)
            {
                throw new TimeoutException("downstream timed out after a while");
            }
        });

        await _bus.PublishAsync(Stream, Event("slow-then-fine"), CancellationToken.None);

        await EventuallyAsync(() => consumer.Statistics.Processed == 1, "handled on the retry");
        var failed = Assert.Single(measured, m => m.Outcome == "failure");
        Assert.True(failed.Seconds >= 0.05, $"the failed attempt took {failed.Seconds:F3} s");
        Assert.Single(measured, m => m.Outcome == "success");
    }

    [Fact]
    public async Task Without_retries_a_failure_is_dead_lettered_at_once()
    {
        var options = Options();
        options.RetryFailed = false;
        var attempts = 0;
        var consumer = Run(options, _ =>
        {
            Interlocked.Increment(ref attempts);
            throw new TimeoutException("downstream timed out");
        });

        await _bus.PublishAsync(Stream, Event("once"), CancellationToken.None);

        await EventuallyAsync(() => consumer.Statistics.DeadLettered == 1, "dead-lettered");
        Assert.Equal(1, attempts);
        Assert.Equal("TimeoutException", Assert.Single(_bus.ReadDeadLetters("failed")).Reason);
    }

    [Fact]
    public async Task No_more_handlers_run_at_once_than_concurrent_tasks()
    {
        var options = Options();
        options.ConcurrentTasks = 3;
        var running = 0;
        var peak = 0;
        var consumer = Run(options, async _ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(30);
            Interlocked.Decrement(ref running);
        });

        await _bus.PublishManyAsync(Stream, [.. Enumerable.Range(0, 20).Select(i => Event($"c{i}"))], CancellationToken.None);

        await EventuallyAsync(() => consumer.Statistics.Processed == 20, "all processed");
        Assert.Equal(3, peak);
    }

    [Fact]
    public async Task Every_group_gets_every_event_and_consumers_of_one_group_share_them()
    {
        var first = new ConcurrentBag<string>();
        var second = new ConcurrentBag<string>();
        var a = Run(Options("a"), c => Record(first, c));
        var b = Run(Options("b"), c => Record(first, c));
        var otherOptions = Options("other");
        otherOptions.ConsumerGroup = "other-group";
        var other = Run(otherOptions, c => Record(second, c));

        await _bus.PublishManyAsync(Stream, [.. Enumerable.Range(0, 30).Select(i => Event($"g{i}"))], CancellationToken.None);

        await EventuallyAsync(() => a.Statistics.Processed + b.Statistics.Processed == 30 && other.Statistics.Processed == 30, "both groups done");
        Assert.Equal(30, first.Distinct().Count());
        Assert.Equal(30, first.Count);
        Assert.Equal(30, second.Count);
    }

    [Fact]
    public async Task Group_started_at_0_gets_events_published_before_it_and_at_dollar_only_new_ones()
    {
        await _bus.PublishAsync(Stream, Event("early"), CancellationToken.None);
        var fromStart = Run(Options("a"), _ => Task.CompletedTask);
        var newOnly = Options("b");
        newOnly.ConsumerGroup = "new-only";
        newOnly.StartId = "$";
        var late = Run(newOnly, _ => Task.CompletedTask);
        await EventuallyAsync(() => late.IsRunning && fromStart.Statistics.Processed == 1, "first group handled the early event");

        await _bus.PublishAsync(Stream, Event("late"), CancellationToken.None);

        await EventuallyAsync(() => fromStart.Statistics.Processed == 2 && late.Statistics.Processed == 1, "late event handled by both");
    }

    [Fact]
    public async Task Stopping_lets_a_running_handler_finish_and_leaves_the_rest_to_the_next_consumer()
    {
        var options = Options();
        options.ConcurrentTasks = 1;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentBag<string>();
        var consumer = Run(options, async context =>
        {
            started.TrySetResult();
            await release.Task;
            handled.Add(context.Event.Id);
        });
        await _bus.PublishManyAsync(Stream, [.. Enumerable.Range(0, 5).Select(i => Event($"s{i}"))], CancellationToken.None);
        await started.Task.WaitAsync(Patience);

        var stopping = StopAsync(consumer);
        release.SetResult();
        await stopping;

        Assert.Equal(["s0"], handled);
        Assert.False(consumer.IsRunning);
        var next = Run(Options("consumer-2"), context =>
        {
            handled.Add(context.Event.Id);
            return Task.CompletedTask;
        });
        await EventuallyAsync(() => next.Statistics.Processed == 4, "the rest handled by the next consumer");
        Assert.Equal(5, handled.Distinct().Count());
        Assert.Equal(5, handled.Count);
    }

    [Fact]
    public async Task Handler_still_running_at_the_shutdown_timeout_is_cancelled_and_handled_again_later_not_dead_lettered()
    {
        var options = Options();
        options.ShutdownTimeoutSeconds = 0.1;
        var attempts = 0;
        var consumer = Run(options, async context =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
        });
        await _bus.PublishAsync(Stream, Event("stuck"), CancellationToken.None);
        await EventuallyAsync(() => Volatile.Read(ref attempts) == 1, "handler started");

        await StopAsync(consumer);

        Assert.Empty(_bus.ReadDeadLetters("failed"));
        Assert.Equal(0, consumer.Statistics.Failed);
        var next = Run(Options("consumer-2"), _ => Task.CompletedTask);
        await EventuallyAsync(() => next.Statistics.Processed == 1, "handled by the next consumer");
    }

    [Fact]
    public async Task Dry_run_logs_events_without_taking_them_from_the_group()
    {
        var options = Options("watcher");
        options.AutoProcess = false;
        var watcher = Run(options, _ => throw new InvalidOperationException("a dry run never handles"));
        await EventuallyAsync(() => watcher.IsRunning, "dry run running");

        await _bus.PublishManyAsync(Stream, [Event("d1"), Event("d2")], CancellationToken.None);
        await EventuallyAsync(() => watcher.Statistics.TotalConsumed == 2, "dry run saw both");

        var real = Run(Options(), _ => Task.CompletedTask);
        await EventuallyAsync(() => real.Statistics.Processed == 2, "the group still handles both");
        Assert.Equal(0, watcher.Statistics.Processed);
    }

    [Fact]
    public async Task Invalid_event_is_refused_at_publication()
    {
        var invalid = Event("x") with { Source = "" };

        await Assert.ThrowsAsync<InvalidCloudEventException>(() => _bus.PublishAsync(Stream, invalid, CancellationToken.None));
        Assert.Equal(0, _bus.Length(Stream));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (consumer, stop, run) in _consumers)
        {
            await stop.CancelAsync();
            await run.WaitAsync(Patience);
            consumer.Dispose();
            stop.Dispose();
        }
    }

    private static Task Record(ConcurrentBag<string> seen, EventContext context)
    {
        seen.Add(context.Event.Id);
        return Task.CompletedTask;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static ConsumerOptions Options(string consumer = "consumer-1") => new()
    {
        SourceStream = Stream,
        ConsumerGroup = "group",
        ConsumerName = consumer,
        DeadLetterStream = "failed",
        ConsumeEvents = [],
        ConcurrentTasks = 4,
        MaxRetries = 3,
        RetryDelaySeconds = 0.02,
        ShutdownTimeoutSeconds = 5,
    };

    private static CloudEvent Event(string id, string type = EventTypes.DocumentCleaned, string source = "/test") =>
        CloudEvent.Create(type, source, new { n = id }) with { Id = id };

    private InProcessStreamConsumer Run(ConsumerOptions options, Func<EventContext, Task> handle)
    {
        var consumer = _bus.CreateConsumer(options, new DelegateEventProcessor(handle));
        var stop = new CancellationTokenSource();
        _consumers.Add((consumer, stop, Task.Run(() => consumer.RunAsync(stop.Token))));
        return consumer;
    }

    private async Task StopAsync(InProcessStreamConsumer consumer)
    {
        var (_, stop, run) = _consumers.Single(c => c.Consumer == consumer);
        await stop.CancelAsync();
        await run.WaitAsync(Patience);
    }

    private async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (_consumers.FirstOrDefault(c => c.Run.IsFaulted).Run is { } faulted)
            {
                throw new InvalidOperationException($"A consumer died while waiting for: {what}", faulted.Exception);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {Patience.TotalSeconds} s: {what}");
            }

            await Task.Delay(10);
        }
    }
}
