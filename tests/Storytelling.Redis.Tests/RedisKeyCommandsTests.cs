using Storytelling.Testing;

namespace Storytelling.Redis.Tests;

public sealed class RedisKeyCommandsTests
{
    private readonly string prefix = UniqueNames.RedisKeyPrefix();

    [Fact]
    public async Task SET_NX_writes_only_the_first_time_and_EX_sets_a_ttl()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        var key = prefix + "idempotency";

        Assert.True(await redis.SetAsync(key, "first", TimeSpan.FromHours(1), SetCondition.IfNotExists));
        Assert.False(await redis.SetAsync(key, "second", TimeSpan.FromHours(1), SetCondition.IfNotExists));
        Assert.Equal("first", await redis.GetStringAsync(key));
        var ttl = (await redis.ExecuteAsync(["TTL", key])).AsInt64();
        Assert.InRange(ttl, 3590, 3600);

        Assert.False(await redis.SetAsync(prefix + "absent", "x", condition: SetCondition.IfExists));
        Assert.True(await redis.SetAsync(prefix + "ms", "x", TimeSpan.FromMilliseconds(1500)));
        Assert.InRange((await redis.ExecuteAsync(["PTTL", prefix + "ms"])).AsInt64(), 1, 1500);
    }

    [Fact]
    public async Task GET_MGET_DEL_EXISTS_and_EXPIRE_work_on_present_and_missing_keys()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await redis.SetAsync(prefix + "a", "1");
        await redis.SetAsync(prefix + "b", "2");

        Assert.Null(await redis.GetAsync(prefix + "missing"));
        var values = await redis.MGetAsync([prefix + "a", prefix + "missing", prefix + "b"]);
        Assert.Equal(["1", null, "2"], values.Select(v => v is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes.Span) : null));
        Assert.Equal(2, await redis.ExistsAsync([prefix + "a", prefix + "b", prefix + "missing"]));
        Assert.True(await redis.ExpireAsync(prefix + "a", TimeSpan.FromMinutes(1)));
        Assert.False(await redis.ExpireAsync(prefix + "missing", TimeSpan.FromMinutes(1)));
        Assert.Equal(2, await redis.DelAsync([prefix + "a", prefix + "b", prefix + "missing"]));
        Assert.False(await redis.ExistsAsync(prefix + "a"));
    }

    [Fact]
    public async Task EVALSHA_of_an_unknown_script_is_NOSCRIPT_so_callers_can_fall_back_to_EVAL()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        const string script = "return redis.call('INCRBY', KEYS[1], ARGV[1])";

        var missing = await Assert.ThrowsAsync<RedisServerException>(async () =>
            await redis.EvalShaAsync("ffffffffffffffffffffffffffffffffffffffff", [prefix + "n"], [5L]));
        Assert.True(missing.IsNoScript);

        Assert.Equal(5, (await redis.EvalAsync(script, [prefix + "n"], [5L])).AsInt64());
        var sha = await redis.ScriptLoadAsync(script);
        Assert.Equal(7, (await redis.EvalShaAsync(sha, [prefix + "n"], [2L])).AsInt64());
    }

    [Fact]
    public async Task PING_INFO_and_CLIENT_ID_answer()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        Assert.True(await redis.PingAsync() > TimeSpan.Zero);
        Assert.Contains("redis_version:", await redis.InfoAsync("server"), StringComparison.Ordinal);
        Assert.True(await redis.ClientIdAsync() > 0);
    }
}
