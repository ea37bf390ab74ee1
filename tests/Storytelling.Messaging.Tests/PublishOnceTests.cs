using Storytelling.CloudEvents;
using Storytelling.Messaging.InProcess;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;
using Storytelling.Testing;

namespace Storytelling.Messaging.Tests;

/// <summary>A producer repeating a step after a crash announces each event once, on Redis and in process alike.</summary>
public sealed class PublishOnceTests
{
    private static CloudEvent Event(string id, string source = "/stage1/jobs/j1") =>
        CloudEvent.Create(EventTypes.DocumentCleaned, source, new { document_id = id }) with { Id = id };

    [Fact]
    public async Task Redis_publishes_each_source_and_id_once_however_often_the_step_repeats()
    {
        await using var redis = await RedisClient.ConnectAsync(new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort });
        var stream = UniqueNames.RedisKeyPrefix() + "events";
        var publisher = new RedisEventPublisher(redis);

        var first = await publisher.PublishOnceAsync(stream, [Event("a"), Event("b")], TimeSpan.FromMinutes(5), CancellationToken.None);
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            publisher.PublishOnceAsync(stream, [Event("b"), Event("c"), Event("a", "/stage1/jobs/j2")], TimeSpan.FromMinutes(5), CancellationToken.None)));

        Assert.Equal([true, true], first);
        Assert.Equal(1, again.Count(r => r[1]));
        Assert.All(again, r => Assert.False(r[0]));
        Assert.Equal(1, again.Count(r => r[2]));
        var entries = await redis.XRangeAsync(stream, StreamId.Min, StreamId.Max);
        Assert.Equal(["a", "b", "c", "a"], entries.Select(e => e.GetString("ce_id")));
        Assert.Equal("/stage1/jobs/j2", entries[3].GetString("ce_source"));
    }

    [Fact]
    public async Task Redis_rejects_an_invalid_event_without_remembering_it()
    {
        await using var redis = await RedisClient.ConnectAsync(new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort });
        var stream = UniqueNames.RedisKeyPrefix() + "events";
        var publisher = new RedisEventPublisher(redis);

        await Assert.ThrowsAsync<InvalidCloudEventException>(() =>
            publisher.PublishOnceAsync(stream, [Event("x") with { Type = "" }], TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.Equal([true], await publisher.PublishOnceAsync(stream, [Event("x")], TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task In_process_bus_publishes_once_and_again_after_the_memory_expires()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-11-23T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var bus = new InProcessEventBus(time);

        Assert.Equal([true, false], await bus.PublishOnceAsync("s", [Event("a"), Event("a")], TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.Equal([false], await bus.PublishOnceAsync("s", [Event("a")], TimeSpan.FromMinutes(5), CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal([true], await bus.PublishOnceAsync("s", [Event("a")], TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.Equal(2, bus.Length("s"));
    }

    [Fact]
    public async Task Redis_counts_each_publication_once_and_the_count_arrives_after_the_event()
    {
        await using var redis = await RedisClient.ConnectAsync(new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort });
        var stream = UniqueNames.RedisKeyPrefix() + "events";
        await AssertCountsAsync(new RedisEventPublisher(redis), stream);
        Assert.Equal(5, (await redis.XRangeAsync(stream, StreamId.Min, StreamId.Max)).Count);
    }

    [Fact]
    public async Task In_process_bus_counts_each_publication_once()
    {
        var bus = new InProcessEventBus();
        await AssertCountsAsync(bus, "s");
        Assert.Equal(5, bus.Length("s"));
    }

    /// <summary>Eight producers announce 0-4 (each twice, in different orders) on one counter: the count ends at 5, and exactly one call sees it reach 5.</summary>
    private static async Task AssertCountsAsync(IEventPublisher publisher, string stream)
    {
        Assert.Equal(0, (await publisher.PublishOnceCountedAsync(stream, [], TimeSpan.FromMinutes(5), "job-1", CancellationToken.None)).Count);
        var calls = await Task.WhenAll(Enumerable.Range(0, 8).Select(p => Task.Run(() =>
            publisher.PublishOnceCountedAsync(stream, [Event((p % 5).ToString(System.Globalization.CultureInfo.InvariantCulture))],
                TimeSpan.FromMinutes(5), "job-1", CancellationToken.None))));

        Assert.Equal(5, calls.Count(c => c.Published[0]));
        Assert.Equal(1, calls.Count(c => c.Published[0] && c.Count == 5));
        Assert.All(calls.Where(c => c.Published[0]), c => Assert.InRange(c.Count, 1, 5));
        Assert.Equal(5, (await publisher.PublishOnceCountedAsync(stream, [], TimeSpan.FromMinutes(5), "job-1", CancellationToken.None)).Count);
        Assert.Equal(0, (await publisher.PublishOnceCountedAsync(stream, [], TimeSpan.FromMinutes(5), "job-2", CancellationToken.None)).Count);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
