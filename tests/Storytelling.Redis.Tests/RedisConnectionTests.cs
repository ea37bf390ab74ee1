using Storytelling.Testing;

namespace Storytelling.Redis.Tests;

public sealed class RedisConnectionTests
{
    private readonly string prefix = UniqueNames.RedisKeyPrefix();

    [Fact]
    public async Task Pipelined_replies_reach_their_own_callers_under_many_concurrent_callers()
    {
        await using var redis = await RedisTestServer.ConnectAsync();

        var callers = Enumerable.Range(0, 50).Select(caller => Task.Run(async () =>
        {
            var key = $"{prefix}counter:{caller}";
            // All 200 sent at once, in order: each reply must be the one for its own INCR.
            var increments = Enumerable.Range(0, 200).Select(_ => redis.IncrAsync(key).AsTask()).ToArray();
            var values = await Task.WhenAll(increments);
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), values);
            Assert.Equal("200", await redis.GetStringAsync(key));
        }));

        await Task.WhenAll(callers);
    }

    [Fact]
    public async Task All_256_byte_values_round_trip_in_keys_values_and_stream_fields()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        Assert.True(await redis.SetAsync(prefix + "binary", all));
        Assert.Equal(all, (await redis.GetAsync(prefix + "binary"))!.Value.ToArray());

        var id = await redis.XAddAsync(prefix + "stream", [new("payload", all)]);
        var entry = Assert.Single(await redis.XRangeAsync(prefix + "stream", StreamId.Min, StreamId.Max));
        Assert.Equal(id, entry.Id);
        Assert.True(entry.TryGetValue("payload", out var payload));
        Assert.Equal(all, payload.ToArray());
    }

    [Fact]
    public async Task A_timed_out_command_does_not_shift_the_replies_of_later_commands()
    {
        await using var redis = await RedisTestServer.ConnectAsync(RedisTestServer.Options(commandTimeoutMs: 500));
        await using var other = await RedisTestServer.ConnectAsync();
        var list = prefix + "list";
        await redis.SetAsync(prefix + "k", "v");

        // BLPOP on the shared connection stalls it on purpose; the client gives up after 500 ms.
        await Assert.ThrowsAsync<RedisTimeoutException>(async () => await redis.ExecuteAsync(["BLPOP", list, 30]));
        var get = redis.GetStringAsync(prefix + "k").AsTask();
        await other.ExecuteAsync(["LPUSH", list, "late"]); // releases BLPOP; its late reply must be discarded

        Assert.Equal("v", await get);
        Assert.Equal(1, await redis.IncrAsync(prefix + "n"));
    }

    [Fact]
    public async Task A_cancelled_command_does_not_shift_the_replies_of_later_commands()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await using var other = await RedisTestServer.ConnectAsync();
        var list = prefix + "list";
        await redis.SetAsync(prefix + "k", "v");

        var id = await redis.ClientIdAsync();
        using var cancel = new CancellationTokenSource();
        var blocked = redis.ExecuteAsync(["BLPOP", list, 30], cancel.Token).AsTask();
        await RedisTestServer.EventuallyAsync(() => IsRunningAsync(other, id, "blpop"), "BLPOP is blocked");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);

        var get = redis.GetStringAsync(prefix + "k").AsTask();
        await other.ExecuteAsync(["LPUSH", list, "late"]);
        Assert.Equal("v", await get);
    }

    [Fact]
    public async Task A_command_cancelled_before_it_is_sent_throws_at_once()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await redis.PingAsync(cancel.Token));
        await redis.PingAsync();
    }

    [Fact]
    public async Task After_CLIENT_KILL_the_in_flight_command_fails_and_the_next_succeeds_on_a_reconnected_prepared_socket()
    {
        var name = "storytelling-test-" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await RedisTestServer.ConnectAsync(RedisTestServer.Options(db: 2, clientName: name));
        await using var killer = await redis.CreateDedicatedConnectionAsync();
        var firstId = await redis.ClientIdAsync();

        var inFlight = redis.ExecuteAsync(["BLPOP", prefix + "never", 30]).AsTask();
        await RedisTestServer.EventuallyAsync(() => IsRunningAsync(killer, firstId, "blpop"), "BLPOP is in flight");
        Assert.Equal(1, await killer.ClientKillAsync(firstId));

        await Assert.ThrowsAsync<RedisConnectionException>(() => inFlight);
        await redis.PingAsync();
        Assert.True(redis.Connection.IsConnected);
        var secondId = await redis.ClientIdAsync();
        Assert.NotEqual(firstId, secondId);
        var info = (await redis.ExecuteAsync(["CLIENT", "INFO"])).AsString()!;
        Assert.Contains($" name={name} ", info, StringComparison.Ordinal);
        Assert.Contains(" db=2 ", info, StringComparison.Ordinal);

        // Had the failed BLPOP been sent again, it would take this element.
        await redis.ExecuteAsync(["LPUSH", prefix + "never", "x"]);
        Assert.Equal(1, (await redis.ExecuteAsync(["LLEN", prefix + "never"])).AsInt64());
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_exception_naming_the_endpoint()
    {
        var options = RedisTestServer.Options();
        options.Port = 1; // nothing listens there
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisClient.ConnectAsync(options));
        Assert.Contains($"{options.Host}:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_fails_the_connection_with_the_server_error()
    {
        var options = RedisTestServer.Options();
        options.Password = "not-the-password";
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisClient.ConnectAsync(options));
        var server = Assert.IsType<RedisServerException>(error.InnerException);
        Assert.NotEmpty(server.Prefix);
    }

    [Fact]
    public async Task A_blocking_read_is_refused_on_the_shared_connection()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await redis.XReadGroupAsync("g", "c", prefix + "s", StreamId.NeverDelivered, block: TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Server_errors_keep_their_prefix()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await redis.XAddAsync(prefix + "s", RedisTestServer.Fields(("a", "b")));
        var wrongType = await Assert.ThrowsAsync<RedisServerException>(async () => await redis.IncrAsync(prefix + "s"));
        Assert.True(wrongType.IsWrongType);
        var unknown = await Assert.ThrowsAsync<RedisServerException>(async () => await redis.ExecuteAsync(["NO-SUCH-COMMAND"]));
        Assert.Equal("ERR", unknown.Prefix);
        await redis.PingAsync();
    }

    /// <summary>Whether client <paramref name="clientId"/> is running <paramref name="command"/> right now.</summary>
    internal static async Task<bool> IsRunningAsync(RedisCommands observer, long clientId, string command) =>
        (await observer.ExecuteAsync(["CLIENT", "LIST", "ID", clientId])).AsString()!.Contains($" cmd={command} ", StringComparison.Ordinal);
}
