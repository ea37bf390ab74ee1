using System.Diagnostics;
using Storytelling.Testing;

namespace Storytelling.Redis.Tests;

public sealed class RedisDedicatedConnectionTests
{
    private readonly string stream = UniqueNames.RedisKeyPrefix() + "stream";

    [Fact]
    public async Task A_blocking_read_returns_empty_after_its_block_time()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await using var reader = await redis.CreateDedicatedConnectionAsync();
        await redis.XGroupCreateAsync(stream, "g", StreamId.LastEntry, makeStream: true);

        var started = Stopwatch.GetTimestamp();
        var entries = await reader.XReadGroupAsync("g", "c", stream, StreamId.NeverDelivered, count: 10, block: TimeSpan.FromMilliseconds(200));

        Assert.Empty(entries);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task A_blocking_read_returns_as_soon_as_an_entry_arrives()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await using var reader = await redis.CreateDedicatedConnectionAsync();
        await redis.XGroupCreateAsync(stream, "g", StreamId.LastEntry, makeStream: true);
        var readerId = await reader.ClientIdAsync();

        var read = reader.XReadGroupAsync("g", "c", stream, StreamId.NeverDelivered, count: 10, block: TimeSpan.FromSeconds(30)).AsTask();
        await RedisTestServer.EventuallyAsync(() => RedisConnectionTests.IsRunningAsync(redis, readerId, "xreadgroup"), "XREADGROUP is blocked");
        var started = Stopwatch.GetTimestamp();
        var id = await redis.XAddAsync(stream, RedisTestServer.Fields(("type", "document.cleaned")));

        var entry = Assert.Single(await read.WaitAsync(RedisTestServer.Patience));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(2));
        Assert.Equal(id, entry.Id);
        Assert.Equal("document.cleaned", entry.GetString("type"));
    }

    [Fact]
    public async Task A_blocking_read_on_a_dedicated_connection_does_not_delay_the_shared_one()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await using var reader = await redis.CreateDedicatedConnectionAsync();
        await redis.XGroupCreateAsync(stream, "g", StreamId.LastEntry, makeStream: true);
        var readerId = await reader.ClientIdAsync();

        var read = reader.XReadGroupAsync("g", "c", stream, StreamId.NeverDelivered, block: TimeSpan.FromSeconds(30)).AsTask();
        await RedisTestServer.EventuallyAsync(() => RedisConnectionTests.IsRunningAsync(redis, readerId, "xreadgroup"), "XREADGROUP is blocked");
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await redis.PingAsync() < TimeSpan.FromSeconds(1));
        }

        Assert.False(read.IsCompleted);
        await redis.XAddAsync(stream, RedisTestServer.Fields(("a", "b")));
        Assert.Single(await read.WaitAsync(RedisTestServer.Patience));
    }

    [Fact]
    public async Task A_cancelled_blocking_read_closes_the_socket_and_the_next_command_reopens_it()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await using var reader = await redis.CreateDedicatedConnectionAsync();
        await redis.XGroupCreateAsync(stream, "g", StreamId.LastEntry, makeStream: true);
        var readerId = await reader.ClientIdAsync();

        using var cancel = new CancellationTokenSource();
        var read = reader.XReadGroupAsync("g", "c", stream, StreamId.NeverDelivered, block: TimeSpan.FromSeconds(30), cancellationToken: cancel.Token).AsTask();
        await RedisTestServer.EventuallyAsync(() => RedisConnectionTests.IsRunningAsync(redis, readerId, "xreadgroup"), "XREADGROUP is blocked");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.False(reader.IsConnected);
        await reader.PingAsync();
        Assert.NotEqual(readerId, await reader.ClientIdAsync());
    }
}
