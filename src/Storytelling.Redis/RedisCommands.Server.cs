using System.Diagnostics;
using Storytelling.Redis.Internal;

namespace Storytelling.Redis;

public abstract partial class RedisCommands
{
    /// <summary>PING; returns the round-trip time.</summary>
    public async ValueTask<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var reply = await RunAsync(["PING"], cancellationToken);
        return reply.AsString() == "PONG"
            ? Stopwatch.GetElapsedTime(started)
            : throw new RedisProtocolException($"Unexpected PING reply: {reply}");
    }

    /// <summary>INFO, optionally of one section, as the server's text.</summary>
    public ValueTask<string> InfoAsync(string? section = null, CancellationToken cancellationToken = default) =>
        RunAsync(section is null ? ["INFO"] : ["INFO", section], Replies.ToText, cancellationToken);

    /// <summary>CLIENT ID of this connection (of its current socket, for the shared one).</summary>
    public ValueTask<long> ClientIdAsync(CancellationToken cancellationToken = default) =>
        RunAsync(["CLIENT", "ID"], reply => reply.AsInt64(), cancellationToken);

    /// <summary>CLIENT KILL ID: closes another client's connection; returns how many were closed.</summary>
    public ValueTask<long> ClientKillAsync(long clientId, CancellationToken cancellationToken = default) =>
        RunAsync(["CLIENT", "KILL", "ID", clientId], reply => reply.AsInt64(), cancellationToken);
}
