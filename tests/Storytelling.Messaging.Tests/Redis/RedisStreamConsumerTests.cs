using System.Collections.Concurrent;
using Storytelling.CloudEvents;
using Storytelling.Redis;

namespace Storytelling.Messaging.Tests.Redis;

public sealed class RedisStreamConsumerTests
{
    [Fact]
    public async Task Published_events_are_handled_once_and_acknowledged()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var seen = new ConcurrentBag<string>();
        var consumer = harness.Run(harness.Options(), context =>
        {
            seen.Add(context.Event.Id);
            return Task.CompletedTask;
        });

        for (var i = 0; i < 50; i++)
        {
            await harness.PublishAsync(ConsumerHarness.Event($"e{i}"));
        }

        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.Processed == 50, "all 50 events processed");
        Assert.Equal(50, seen.Distinct().Count());
        Assert.Equal(50, seen.Count);
        await ConsumerHarness.EventuallyAsync(async () => await harness.PendingAsync() == 0, "nothing left pending");
        Assert.Equal(50, consumer.Statistics.TotalConsumed);
    }

    [Fact]
    public async Task Handler_starts_promptly_although_poll_interval_is_long()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var options = harness.Options();
        options.PollIntervalMs = 30_000;
        var handled = new TaskCompletionSource<DateTimeOffset>();
        harness.Run(options, _ =>
        {
            handled.TrySetResult(DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        });
        await Task.Delay(300);

        var published = DateTimeOffset.UtcNow;
        await harness.PublishAsync(ConsumerHarness.Event("fast"));

        var at = await handled.Task.WaitAsync(ConsumerHarness.Patience);
        Assert.True(at - published < TimeSpan.FromSeconds(2), $"handled after {(at - published).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Events_of_other_types_are_acknowledged_and_counted_as_filtered()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var options = harness.Options();
        options.ConsumeEvents = [EventTypes.CleaningJobCompleted];
        var seen = new ConcurrentBag<string>();
        var consumer = harness.Run(options, context =>
        {
            seen.Add(context.Event.Type);
            return Task.CompletedTask;
        });

        await harness.PublishAsync(ConsumerHarness.Event("a", EventTypes.DocumentCleaned));
        await harness.PublishAsync(ConsumerHarness.Event("b", EventTypes.CleaningJobCompleted));

        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.Processed == 1 && consumer.Statistics.Filtered == 1, "one processed, one filtered");
        Assert.Equal([EventTypes.CleaningJobCompleted], seen);
        await ConsumerHarness.EventuallyAsync(async () => await harness.PendingAsync() == 0, "filtered event acknowledged");
        Assert.Equal(1, consumer.Statistics.ByEventType[EventTypes.DocumentCleaned]);
    }

    [Fact]
    public async Task Same_source_and_id_published_twice_is_handled_once()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var handled = 0;
        var consumer = harness.Run(harness.Options(), _ =>
        {
            Interlocked.Increment(ref handled);
            return Task.CompletedTask;
        });

        await harness.PublishAsync(ConsumerHarness.Event("dup"));
        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.Processed == 1, "first copy processed");
        await harness.PublishAsync(ConsumerHarness.Event("dup"));
        await harness.PublishAsync(ConsumerHarness.Event("dup", source: "/other-source"));

        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.DuplicatesSkipped == 1 && consumer.Statistics.Processed == 2, "second copy skipped, other source processed");
        Assert.Equal(2, handled);
        await ConsumerHarness.EventuallyAsync(async () => await harness.PendingAsync() == 0, "duplicate acknowledged");
    }

    [Fact]
    public async Task Two_consumers_never_run_the_same_event_concurrently()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var running = new ConcurrentDictionary<string, int>();
        var overlaps = 0;
        var handled = 0;
        async Task Handle(EventContext context)
        {
            if (running.AddOrUpdate(context.Event.Id, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Delay(50);
            running.AddOrUpdate(context.Event.Id, 0, (_, n) => n - 1);
            Interlocked.Increment(ref handled);
        }

        harness.Run(harness.Options("a"), Handle);
        harness.Run(harness.Options("b"), Handle);
        for (var i = 0; i < 20; i++)
        {
            await harness.PublishAsync(ConsumerHarness.Event($"twice-{i}"));
            await harness.PublishAsync(ConsumerHarness.Event($"twice-{i}"));
        }

        await ConsumerHarness.EventuallyAsync(async () => await harness.PendingAsync() == 0 && handled >= 20, "all copies settled");
        Assert.Equal(0, overlaps);
        Assert.Equal(20, handled);
    }

    [Fact]
    public async Task Poison_event_is_dead_lettered_after_exactly_max_retries_attempts_without_stalling_others()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var attempts = new ConcurrentBag<long>();
        var good = 0;
        var consumer = harness.Run(harness.Options(), context =>
        {
            if (context.Event.Id == "poison")
            {
                attempts.Add(context.Attempt);
                throw new InvalidOperationException("cannot handle poison");
            }

            Interlocked.Increment(ref good);
            return Task.CompletedTask;
        });

        await harness.PublishAsync(ConsumerHarness.Event("poison"));
        for (var i = 0; i < 10; i++)
        {
            await harness.PublishAsync(ConsumerHarness.Event($"good-{i}"));
        }

        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.DeadLettered == 1, "poison dead-lettered");
        Assert.Equal([1L, 2L, 3L], attempts.Order());
        Assert.Equal(10, good);
        var letters = await harness.Redis.XRangeAsync(harness.DeadLetters, StreamId.Min, StreamId.Max);
        var letter = Assert.Single(letters);
        Assert.Equal("poison", letter.GetString("ce_id"));
        Assert.Equal("InvalidOperationException", letter.GetString(DeadLetterFields.Reason));
        Assert.Equal("cannot handle poison", letter.GetString(DeadLetterFields.ErrorMessage));
        Assert.Equal("3", letter.GetString(DeadLetterFields.Attempts));
        Assert.Equal("consumer-1", letter.GetString(DeadLetterFields.Consumer));
        Assert.NotNull(letter.GetString(DeadLetterFields.FirstFailure));
        Assert.True(string.CompareOrdinal(letter.GetString(DeadLetterFields.FirstFailure), letter.GetString(DeadLetterFields.LastFailure)) <= 0);
        Assert.NotNull(letter.GetString("data"));
        await ConsumerHarness.EventuallyAsync(async () => await harness.PendingAsync() == 0, "poison acknowledged after dead-lettering");
    }

    [Fact]
    public async Task Without_retries_a_failure_is_dead_lettered_at_once()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var options = harness.Options();
        options.RetryFailed = false;
        var attempts = 0;
        var consumer = harness.Run(options, _ =>
        {
            Interlocked.Increment(ref attempts);
            throw new TimeoutException("downstream timed out");
        });

        await harness.PublishAsync(ConsumerHarness.Event("once"));

        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.DeadLettered == 1, "dead-lettered");
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Entry_that_is_not_a_cloud_event_is_dead_lettered_with_the_reason()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var consumer = harness.Run(harness.Options(), _ => Task.CompletedTask);

        await harness.Redis.XAddAsync(harness.Stream, [new("ce_type", "t"), new("data", "{}")]);

        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.DeadLettered == 1, "invalid entry dead-lettered");
        var letter = Assert.Single(await harness.Redis.XRangeAsync(harness.DeadLetters, StreamId.Min, StreamId.Max));
        Assert.Equal("invalid_envelope", letter.GetString(DeadLetterFields.Reason));
        Assert.Contains("id", letter.GetString(DeadLetterFields.ErrorMessage));
    }

    [Fact]
    public async Task Entry_left_pending_by_a_crashed_consumer_is_reclaimed_and_finished()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        await harness.Redis.XGroupCreateAsync(harness.Stream, harness.Group, StreamId.Min, makeStream: true);
        await harness.PublishAsync(ConsumerHarness.Event("orphan"));
        // A consumer that read the entry and died before acknowledging it.
        var read = await harness.Redis.XReadGroupAsync(harness.Group, "crashed", harness.Stream, StreamId.NeverDelivered, 10);
        Assert.Single(read);

        var handledBy = new ConcurrentBag<long>();
        var consumer = harness.Run(harness.Options("survivor"), context =>
        {
            handledBy.Add(context.Attempt);
            return Task.CompletedTask;
        });

        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.Processed == 1, "orphan processed by the survivor");
        // The crashed consumer never started a handler on it: the survivor's run is the first attempt.
        Assert.Equal(1, Assert.Single(handledBy));
        Assert.Equal(1, consumer.Statistics.Reclaimed);
        await ConsumerHarness.EventuallyAsync(async () => await harness.PendingAsync() == 0, "orphan acknowledged");
    }

    [Fact]
    public async Task Entry_read_by_more_crashed_consumers_than_the_retry_budget_is_still_handled_not_dead_lettered()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        await harness.Redis.XGroupCreateAsync(harness.Stream, harness.Group, StreamId.Min, makeStream: true);
        await harness.PublishAsync(ConsumerHarness.Event("read-often"));
        // Five consumers in turn take the entry and die before starting a handler: delivery count 5, budget 3.
        var read = await harness.Redis.XReadGroupAsync(harness.Group, "crashed-0", harness.Stream, StreamId.NeverDelivered, 10);
        for (var i = 1; i < 5; i++)
        {
            Assert.Single(await harness.Redis.XClaimAsync(harness.Stream, harness.Group, $"crashed-{i}", TimeSpan.Zero, [read[0].Id]));
        }

        Assert.Equal(5, Assert.Single(await harness.Redis.XPendingAsync(harness.Stream, harness.Group, StreamId.Min, StreamId.Max, 10)).DeliveryCount);
        var attempts = new ConcurrentBag<long>();
        var consumer = harness.Run(harness.Options("survivor"), context =>
        {
            attempts.Add(context.Attempt);
            return Task.CompletedTask;
        });

        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.Processed == 1, "handled by the survivor");
        Assert.Equal(1, Assert.Single(attempts));
        Assert.Equal(0, consumer.Statistics.DeadLettered);
        await ConsumerHarness.EventuallyAsync(async () => await harness.PendingAsync() == 0, "acknowledged");
    }

    [Fact]
    public async Task Backlog_honours_max_age_and_batch_size()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        await harness.Redis.XGroupCreateAsync(harness.Stream, harness.Group, StreamId.Min, makeStream: true);
        var old = DateTimeOffset.UtcNow - TimeSpan.FromHours(30);
        for (var i = 0; i < 5; i++)
        {
            var fields = Storytelling.Messaging.Redis.CloudEventStreamBinding.ToFields(ConsumerHarness.Event($"old-{i}"));
            await harness.Redis.XAddAsync(harness.Stream, fields, id: StreamId.FromTime(old, (ulong)i));
        }

        for (var i = 0; i < 12; i++)
        {
            await harness.PublishAsync(ConsumerHarness.Event($"recent-{i}"));
        }

        var options = harness.Options();
        options.ProcessBacklog = true;
        options.BacklogBatchSize = 5;
        options.BacklogMaxAgeHours = 24;
        var seen = new ConcurrentBag<string>();
        var consumer = harness.Run(options, context =>
        {
            seen.Add(context.Event.Id);
            return Task.CompletedTask;
        });

        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.Processed == 12, "recent backlog processed");
        Assert.Equal(5, consumer.Statistics.BacklogSkipped);
        Assert.DoesNotContain(seen, id => id.StartsWith("old-", StringComparison.Ordinal));
        Assert.Equal(17, await harness.Redis.XLenAsync(harness.Stream));
        await ConsumerHarness.EventuallyAsync(async () => await harness.PendingAsync() == 0, "backlog acknowledged");
    }

    [Fact]
    public async Task Dry_run_logs_events_without_taking_them_from_the_group()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var options = harness.Options("dry");
        options.AutoProcess = false;
        var handled = 0;
        var dry = harness.Run(options, _ =>
        {
            Interlocked.Increment(ref handled);
            return Task.CompletedTask;
        });
        await ConsumerHarness.EventuallyAsync(() => dry.IsRunning, "dry run started");

        await harness.PublishAsync(ConsumerHarness.Event("later-1"));
        await harness.PublishAsync(ConsumerHarness.Event("later-2"));
        await ConsumerHarness.EventuallyAsync(() => dry.Statistics.TotalConsumed == 2, "dry run saw both");
        await harness.StopAsync(dry);

        Assert.Equal(0, handled);
        Assert.Equal(0, await harness.PendingAsync());
        var real = harness.Run(harness.Options("real"), _ => Task.CompletedTask);
        await ConsumerHarness.EventuallyAsync(() => real.Statistics.Processed == 2, "real consumer processes both afterwards");
    }

    [Fact]
    public async Task Stopping_lets_a_running_handler_finish_and_acknowledges_it()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var started = new TaskCompletionSource();
        var consumer = harness.Run(harness.Options(), async _ =>
        {
            started.TrySetResult();
            await Task.Delay(500);
        });

        await harness.PublishAsync(ConsumerHarness.Event("slow"));
        await started.Task.WaitAsync(ConsumerHarness.Patience);
        await harness.StopAsync(consumer);

        Assert.Equal(1, consumer.Statistics.Processed);
        Assert.Equal(0, await harness.PendingAsync());
    }
}
