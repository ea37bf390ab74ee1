using System.Text.Json;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;

namespace Storytelling.Messaging.Tests.Redis;

public sealed class ConsumerHealthProbeTests
{
    [Fact]
    public async Task Running_consumer_with_its_stream_and_group_is_healthy()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var consumer = harness.Run(harness.Options(), _ => Task.CompletedTask);
        await harness.PublishAsync(ConsumerHarness.Event("one"));
        await ConsumerHarness.EventuallyAsync(() => consumer.Statistics.Processed == 1, "consumer handled an event");
        var probe = new ConsumerHealthProbe(harness.Redis, harness.Options(), () => consumer.IsRunning);

        var health = await probe.CheckAsync(CancellationToken.None);

        Assert.True(health.Healthy, health.ToJson());
        Assert.True(health.Enabled && health.Running && health.StreamExists && health.GroupExists);
        Assert.Equal(0, health.PendingCount);
        Assert.Equal(0, health.Lag);
        Assert.Null(health.OldestPendingAgeSeconds);
        Assert.Null(health.Error);
        Assert.Equal("consumer-1", Assert.Single(health.Consumers).Name);
    }

    [Fact]
    public async Task Pending_count_and_oldest_pending_age_come_from_entries_not_yet_acknowledged()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        // Published before the consumer starts, so one read takes all three (a batch is handled before the next read).
        var first = await harness.PublishAsync(ConsumerHarness.Event("a"));
        await harness.PublishAsync(ConsumerHarness.Event("b"));
        await harness.PublishAsync(ConsumerHarness.Event("c"));
        var consumer = harness.Run(harness.Options(), async _ =>
        {
            Interlocked.Increment(ref started);
            await release.Task;
        });
        await ConsumerHarness.EventuallyAsync(() => Volatile.Read(ref started) == 3, "three handlers running");
        var now = new FixedTime(first.Timestamp + TimeSpan.FromSeconds(42));

        var health = await new ConsumerHealthProbe(harness.Redis, harness.Options(), () => consumer.IsRunning, now).CheckAsync(CancellationToken.None);
        release.SetResult();

        Assert.Equal(3, health.PendingCount);
        Assert.Equal(42.0, health.OldestPendingAgeSeconds);
        Assert.Equal(3, Assert.Single(health.Consumers).Pending);
        Assert.True(health.Healthy);
    }

    [Fact]
    public async Task Lag_counts_entries_never_delivered_and_a_group_without_live_consumers_is_not_running()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        await harness.Redis.XGroupCreateAsync(harness.Stream, harness.Group, StreamId.Min, makeStream: true);
        for (var i = 0; i < 5; i++)
        {
            await harness.PublishAsync(ConsumerHarness.Event($"waiting-{i}"));
        }

        var health = await new ConsumerHealthProbe(harness.Redis, harness.Options()).CheckAsync(CancellationToken.None);

        Assert.Equal(5, health.Lag);
        Assert.Equal(0, health.PendingCount);
        Assert.True(health.StreamExists && health.GroupExists);
        Assert.False(health.Running);
        Assert.False(health.Healthy);
    }

    [Fact]
    public async Task Heartbeat_from_the_consumer_process_lets_a_probe_elsewhere_see_it_running_until_it_expires()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        await harness.Redis.XGroupCreateAsync(harness.Stream, harness.Group, StreamId.Min, makeStream: true);
        var inside = new ConsumerHealthProbe(harness.Redis, harness.Options(), () => true, heartbeatValidity: TimeSpan.FromMilliseconds(500));
        var outside = new ConsumerHealthProbe(harness.Redis, harness.Options());
        Assert.False((await outside.CheckAsync(CancellationToken.None)).Running);

        await inside.CheckAsync(CancellationToken.None);
        var seen = await outside.CheckAsync(CancellationToken.None);

        Assert.True(seen.Running);
        Assert.True(seen.Healthy);
        await ConsumerHarness.EventuallyAsync(async () => !(await outside.CheckAsync(CancellationToken.None)).Running, "heartbeat expired");
        await harness.Redis.DelAsync(ConsumerHealthProbe.HeartbeatKey(harness.Stream, harness.Group));
    }

    [Fact]
    public async Task Missing_stream_is_unhealthy_and_dead_letters_are_counted()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        await harness.Redis.XAddAsync(harness.DeadLetters, [new("dlq_reason", "x")]);
        await harness.Redis.XAddAsync(harness.DeadLetters, [new("dlq_reason", "y")]);

        var health = await new ConsumerHealthProbe(harness.Redis, harness.Options(), () => true).CheckAsync(CancellationToken.None);

        Assert.False(health.StreamExists);
        Assert.False(health.GroupExists);
        Assert.False(health.Healthy);
        Assert.Equal(2, health.DeadLetterLength);
        Assert.Null(health.Error);
    }

    [Fact]
    public async Task Disabled_consumer_is_reported_disabled_and_unhealthy()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        await harness.Redis.XGroupCreateAsync(harness.Stream, harness.Group, StreamId.Min, makeStream: true);
        var options = harness.Options();
        options.Enabled = false;

        var health = await new ConsumerHealthProbe(harness.Redis, options, () => true).CheckAsync(CancellationToken.None);

        Assert.False(health.Enabled);
        Assert.False(health.Healthy);
    }

    [Fact]
    public async Task Unreachable_Redis_is_an_unhealthy_answer_naming_the_error_not_an_exception()
    {
        await using var redis = new RedisClient(new RedisOptions { Host = "127.0.0.1", Port = 1, ConnectTimeoutMs = 200, CommandTimeoutMs = 300 });
        var options = new ConsumerOptions { SourceStream = "s", ConsumerGroup = "g" };

        var health = await new ConsumerHealthProbe(redis, options, () => true).CheckAsync(CancellationToken.None);

        Assert.False(health.Healthy);
        Assert.NotNull(health.Error);
        Assert.True(health.Running);
    }

    [Fact]
    public void Json_uses_the_seed_field_names_in_snake_case_and_writes_unknown_lag_as_null()
    {
        var health = new ConsumerHealth(true, false, true, true, 4, false, null, 1.5, [new GroupConsumerHealth("c1", 4, 0.25)], 2,
            "s", "g", "d", DateTimeOffset.UnixEpoch, null);

        using var document = JsonDocument.Parse(health.ToJson());
        var root = document.RootElement;

        foreach (var name in new[] { "enabled", "healthy", "stream_exists", "group_exists", "pending_count", "running", "oldest_pending_age_seconds", "dead_letter_length" })
        {
            Assert.True(root.TryGetProperty(name, out _), $"missing {name}");
        }

        Assert.Equal(JsonValueKind.Null, root.GetProperty("lag").ValueKind);
        Assert.Equal(4, root.GetProperty("pending_count").GetInt64());
        Assert.Equal(0.25, root.GetProperty("consumers")[0].GetProperty("idle_seconds").GetDouble());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
