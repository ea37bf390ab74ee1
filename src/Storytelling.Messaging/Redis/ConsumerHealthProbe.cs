using Storytelling.Redis;

namespace Storytelling.Messaging.Redis;

/// <summary>
/// Asks Redis how a consumer group is doing: whether the stream and group exist, the group's pending count and lag
/// (XINFO GROUPS), the age of its oldest pending entry (the timestamp of the lowest id XPENDING reports), its
/// consumers (XINFO CONSUMERS) and the dead-letter stream's length. Redis trouble is part of the answer
/// (<see cref="ConsumerHealth.Error"/>, unhealthy), not an exception.
/// </summary>
/// <remarks>
/// <c>running</c> comes from <paramref name="isRunning"/> when the probe lives in the consumer's process; each
/// check there also records a heartbeat (hash <c>storytelling:consumers:{stream}:{group}</c>, field = consumer name,
/// value = the Unix milliseconds until which it vouches for the consumer: now + <paramref name="heartbeatValidity"/>).
/// Without <paramref name="isRunning"/> (an operator's command) the group counts as running when a heartbeat is still
/// valid or one of its consumers read entries within <see cref="ConsumerOptions.ReclaimIdleSeconds"/> (XINFO
/// CONSUMERS idle; on Redis 7.0 a blocking read that returns nothing does not refresh it, hence the heartbeat).
/// </remarks>
public sealed class ConsumerHealthProbe(
    RedisCommands redis, ConsumerOptions options, Func<bool>? isRunning = null, TimeProvider? time = null, TimeSpan? heartbeatValidity = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _heartbeatValidity = heartbeatValidity ?? TimeSpan.FromSeconds(60);

    /// <summary>The hash holding the heartbeats of a group's consumers.</summary>
    public static string HeartbeatKey(string stream, string group) => $"storytelling:consumers:{stream}:{group}";

    public ConsumerOptions Options => options;

    public async Task<ConsumerHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var stream = options.SourceStream;
        var group = options.ConsumerGroup;
        try
        {
            var running = isRunning?.Invoke();
            var heartbeat = running == true ? BeatAsync(cancellationToken) : ReadHeartbeatsAsync(cancellationToken);
            var exists = redis.ExistsAsync(stream, cancellationToken).AsTask();
            var deadLetters = redis.XLenAsync(options.DeadLetterStream, cancellationToken).AsTask();
            var streamExists = await exists;
            var deadLetterLength = await deadLetters;
            var heartbeatValid = await heartbeat;
            var groupInfo = streamExists
                ? (await redis.XInfoGroupsAsync(stream, cancellationToken)).FirstOrDefault(g => g.Name == group)
                : null;
            if (groupInfo is null)
            {
                return Report(streamExists, groupExists: false, 0, null, null, [], deadLetterLength, running ?? heartbeatValid, error: null);
            }

            var summary = redis.XPendingAsync(stream, group, cancellationToken).AsTask();
            var consumers = redis.XInfoConsumersAsync(stream, group, cancellationToken).AsTask();
            var pending = await summary;
            var members = (await consumers).Select(c => new GroupConsumerHealth(c.Name, c.Pending, c.Idle.TotalSeconds)).ToList();
            double? oldestAge = pending.LowestId is { } lowest
                ? Math.Max(0, (_time.GetUtcNow() - lowest.Timestamp).TotalSeconds)
                : null;
            var alive = running ?? (heartbeatValid || members.Any(c => c.IdleSeconds <= options.ReclaimIdleSeconds));
            return Report(true, true, pending.Count, groupInfo.Lag, oldestAge, members, deadLetterLength, alive, error: null);
        }
        catch (RedisException e)
        {
            return Report(false, false, 0, null, null, [], 0, isRunning?.Invoke() ?? false, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Records that this process's consumer runs; returns true.</summary>
    private async Task<bool> BeatAsync(CancellationToken cancellationToken)
    {
        var key = HeartbeatKey(options.SourceStream, options.ConsumerGroup);
        var until = (_time.GetUtcNow() + _heartbeatValidity).ToUnixTimeMilliseconds();
        await redis.ExecuteAsync(["HSET", key, options.ConsumerName, until], cancellationToken);
        await redis.ExpireAsync(key, _heartbeatValidity * 2, cancellationToken);
        return true;
    }

    /// <summary>True when some consumer's heartbeat is still valid.</summary>
    private async Task<bool> ReadHeartbeatsAsync(CancellationToken cancellationToken)
    {
        var reply = await redis.ExecuteAsync(["HGETALL", HeartbeatKey(options.SourceStream, options.ConsumerGroup)], cancellationToken);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var items = reply.AsArray();
        for (var i = 1; i < items.Count; i += 2)
        {
            if (long.TryParse(items[i].AsString(), System.Globalization.CultureInfo.InvariantCulture, out var until) && until >= now)
            {
                return true;
            }
        }

        return false;
    }

    private ConsumerHealth Report(
        bool streamExists, bool groupExists, long pending, long? lag, double? oldestAge, IReadOnlyList<GroupConsumerHealth> consumers,
        long deadLetterLength, bool running, string? error) =>
        new(
            Enabled: options.Enabled,
            Healthy: options.Enabled && running && streamExists && groupExists && error is null,
            StreamExists: streamExists,
            GroupExists: groupExists,
            PendingCount: pending,
            Running: running,
            Lag: lag,
            OldestPendingAgeSeconds: oldestAge,
            Consumers: consumers,
            DeadLetterLength: deadLetterLength,
            Stream: options.SourceStream,
            Group: options.ConsumerGroup,
            DeadLetterStream: options.DeadLetterStream,
            CheckedAt: _time.GetUtcNow(),
            Error: error);
}
