using Storytelling.Redis.Internal;

namespace Storytelling.Redis;

public abstract partial class RedisCommands
{
    /// <summary>SET with an optional expiry (whole seconds go as EX, anything else as PX) and NX/XX; true when written.</summary>
    public async ValueTask<bool> SetAsync(
        string key, RedisArgument value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always,
        CancellationToken cancellationToken = default)
    {
        var arguments = new List<RedisArgument>(6) { "SET", key, value };
        if (expiry is { } ttl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, nameof(expiry));
            if (ttl.Ticks % TimeSpan.TicksPerSecond == 0)
            {
                arguments.Add("EX");
                arguments.Add((long)ttl.TotalSeconds);
            }
            else
            {
                arguments.Add("PX");
                arguments.Add((long)Math.Ceiling(ttl.TotalMilliseconds));
            }
        }

        if (condition != SetCondition.Always)
        {
            arguments.Add(condition == SetCondition.IfNotExists ? "NX" : "XX");
        }

        var reply = await RunAsync([.. arguments], cancellationToken);
        return !reply.IsNull;
    }

    /// <summary>GET: the value's bytes, or null when the key does not exist.</summary>
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync(["GET", key], reply => reply.IsNull ? (ReadOnlyMemory<byte>?)null : reply.AsBytes(), cancellationToken);

    /// <summary>GET decoded as UTF-8, or null when the key does not exist.</summary>
    public ValueTask<string?> GetStringAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync(["GET", key], reply => reply.AsString(), cancellationToken);

    /// <summary>MGET: one value per key, in order, null where a key does not exist.</summary>
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>?>> MGetAsync(
        IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return RunAsync<IReadOnlyList<ReadOnlyMemory<byte>?>>(
            Concat(["MGET"], [.. keys.Select(key => (RedisArgument)key)]),
            reply => [.. reply.Items.Select(item => item.IsNull ? (ReadOnlyMemory<byte>?)null : item.AsBytes())],
            cancellationToken);
    }

    /// <summary>DEL: how many of the keys existed and were removed.</summary>
    public ValueTask<long> DelAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return RunAsync(Concat(["DEL"], [.. keys.Select(key => (RedisArgument)key)]), reply => reply.AsInt64(), cancellationToken);
    }

    public ValueTask<long> DelAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync(["DEL", key], reply => reply.AsInt64(), cancellationToken);

    /// <summary>EXISTS: how many of the keys exist (a key named twice counts twice).</summary>
    public ValueTask<long> ExistsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return RunAsync(Concat(["EXISTS"], [.. keys.Select(key => (RedisArgument)key)]), reply => reply.AsInt64(), cancellationToken);
    }

    public async ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        await RunAsync(["EXISTS", key], reply => reply.AsInt64(), cancellationToken) > 0;

    /// <summary>EXPIRE in whole seconds (rounded up); false when the key does not exist.</summary>
    public async ValueTask<bool> ExpireAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expiry, TimeSpan.Zero);
        return await RunAsync(["EXPIRE", key, (long)Math.Ceiling(expiry.TotalSeconds)], reply => reply.AsInt64(), cancellationToken) == 1;
    }

    public ValueTask<long> IncrAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync(["INCR", key], reply => reply.AsInt64(), cancellationToken);

    /// <summary>EVAL: runs a Lua script with its keys and arguments and returns its raw reply.</summary>
    public ValueTask<RedisValue> EvalAsync(
        string script, IReadOnlyList<string>? keys = null, IReadOnlyList<RedisArgument>? arguments = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(Script("EVAL", script, keys, arguments), cancellationToken);

    /// <summary>EVALSHA; a script the server does not know throws a <see cref="RedisServerException"/> with <c>IsNoScript</c>.</summary>
    public ValueTask<RedisValue> EvalShaAsync(
        string sha1, IReadOnlyList<string>? keys = null, IReadOnlyList<RedisArgument>? arguments = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(Script("EVALSHA", sha1, keys, arguments), cancellationToken);

    /// <summary>SCRIPT LOAD: caches a script and returns its SHA1 for <see cref="EvalShaAsync"/>.</summary>
    public ValueTask<string> ScriptLoadAsync(string script, CancellationToken cancellationToken = default) =>
        RunAsync(["SCRIPT", "LOAD", script], Replies.ToText, cancellationToken);
}
