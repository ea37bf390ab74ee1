using Storytelling.Redis.Internal;

namespace Storytelling.Redis;

/// <summary>
/// The typed commands, the same on the shared <see cref="RedisConnection"/> (and <see cref="RedisClient"/>)
/// and on a <see cref="RedisDedicatedConnection"/>. Error replies throw <see cref="RedisServerException"/>.
/// </summary>
public abstract partial class RedisCommands
{
    private protected RedisCommands()
    {
    }

    /// <summary>Whether blocking commands (XREADGROUP BLOCK) may run here: only on a dedicated connection.</summary>
    internal virtual bool AllowsBlocking => false;

    /// <summary>
    /// Sends any command, e.g. <c>ExecuteAsync(["HSET", key, "field", bytes])</c>, and returns its reply.
    /// Do not send blocking commands on the shared connection.
    /// </summary>
    public async ValueTask<RedisValue> ExecuteAsync(RedisArgument[] arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Length == 0)
        {
            throw new ArgumentException("A command needs at least its name.", nameof(arguments));
        }

        var reply = await SendAsync(arguments, TimeSpan.Zero, cancellationToken);
        return reply.IsError ? throw new RedisServerException(reply.AsString()!) : reply;
    }

    internal abstract ValueTask<RedisValue> SendAsync(
        RedisArgument[] arguments, TimeSpan extraTimeout, CancellationToken cancellationToken);

    private async ValueTask<RedisValue> RunAsync(RedisArgument[] arguments, TimeSpan extraTimeout, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(arguments, extraTimeout, cancellationToken);
        return reply.IsError ? throw new RedisServerException(reply.AsString()!) : reply;
    }

    private ValueTask<RedisValue> RunAsync(RedisArgument[] arguments, CancellationToken cancellationToken) =>
        RunAsync(arguments, TimeSpan.Zero, cancellationToken);

    private async ValueTask<T> RunAsync<T>(RedisArgument[] arguments, Func<RedisValue, T> convert, CancellationToken cancellationToken)
    {
        var reply = await RunAsync(arguments, TimeSpan.Zero, cancellationToken);
        return Replies.Convert(reply, arguments[0].ToString(), convert);
    }

    private static RedisArgument[] Concat(RedisArgument[] head, IReadOnlyCollection<RedisArgument> tail)
    {
        var all = new RedisArgument[head.Length + tail.Count];
        head.CopyTo(all, 0);
        var i = head.Length;
        foreach (var item in tail)
        {
            all[i++] = item;
        }

        return all;
    }

    private static RedisArgument[] Script(string command, string scriptOrSha, IReadOnlyList<string>? keys, IReadOnlyList<RedisArgument>? arguments)
    {
        keys ??= [];
        arguments ??= [];
        var all = new RedisArgument[3 + keys.Count + arguments.Count];
        all[0] = command;
        all[1] = scriptOrSha;
        all[2] = keys.Count;
        var i = 3;
        foreach (var key in keys)
        {
            all[i++] = key;
        }

        foreach (var argument in arguments)
        {
            all[i++] = argument;
        }

        return all;
    }
}
