using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Storytelling.Redis;

namespace Storytelling.Messaging.Redis;

/// <summary>
/// Backpressure for a producer (<see cref="BackpressureOptions"/>): watches consumer group
/// <see cref="BackpressureOptions.Group"/> on <paramref name="stream"/> (the stream the producer announces on) and,
/// while that group lags too far behind, holds the producer's own consumer before each read of new work, so it stops
/// taking work and stops publishing until the group catches up. A missing stream or group (nobody consumes yet) never
/// engages it; a failed check keeps the last decision. Meter <see cref="ConsumerStatistics.MeterName"/>:
/// <c>storytelling.backpressure.engaged</c> (1 or 0), <c>storytelling.backpressure.watched_lag</c>,
/// <c>storytelling.backpressure.engagements</c> and <c>storytelling.backpressure.paused_seconds</c> (tags
/// <c>stream</c>, <c>group</c>).
/// </summary>
public sealed class BackpressureGate : IReadGate, IDisposable
{
    private static readonly ConcurrentDictionary<BackpressureGate, byte> Active = new();
    private static readonly Meter Meter = new(ConsumerStatistics.MeterName);
    private static readonly Counter<long> EngagementCounter = Meter.CreateCounter<long>("storytelling.backpressure.engagements",
        description: "Times backpressure engaged");
    private static readonly Counter<double> PausedCounter = Meter.CreateCounter<double>("storytelling.backpressure.paused_seconds", unit: "s",
        description: "Time reading was paused by backpressure");

    private readonly RedisCommands _redis;
    private readonly string _stream;
    private readonly BackpressureOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly SemaphoreSlim _checking = new(1, 1);
    private long _lastCheck;
    private long _passedSinceCheck;
    private long _engagedAt;

    static BackpressureGate()
    {
        Meter.CreateObservableGauge("storytelling.backpressure.engaged", () => Observe(g => g.Engaged ? 1 : 0),
            description: "1 while reading is paused because a downstream consumer group lags");
        Meter.CreateObservableGauge("storytelling.backpressure.watched_lag", () => Observe(g => g.LastLag ?? 0),
            description: "The watched group's lag at the last check");
    }

    public BackpressureGate(RedisCommands redis, string stream, BackpressureOptions options, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _stream = stream;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _tags = [new("stream", stream), new("group", options.Group)];
        Active[this] = 0;
    }

    /// <summary>True while the producer is held.</summary>
    public bool Engaged { get; private set; }

    /// <summary>How many times it engaged since it was made.</summary>
    public long Engagements { get; private set; }

    /// <summary>The watched group's lag at the last check (null: unknown, or no such group).</summary>
    public long? LastLag { get; private set; }

    /// <summary>The largest lag seen by a check.</summary>
    public long MaxLagSeen { get; private set; }

    private TimeSpan Interval => TimeSpan.FromMilliseconds(_options.CheckIntervalMs);

    /// <summary>
    /// The lag seen at the last check plus the entries let through since could have reached half of max_lag: then
    /// every read asks Redis first, so how far the producer overshoots depends on the work it already holds, not on
    /// how much it can take within one check interval.
    /// </summary>
    private bool MayBeNearThreshold => LastLag is { } lag && (lag + Interlocked.Read(ref _passedSinceCheck)) * 2 >= _options.MaxLag;

    public async ValueTask WaitAsync(int entries, CancellationToken cancellationToken)
    {
        while (true)
        {
            if ((!Engaged && MayBeNearThreshold) || Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastCheck)) >= Interval)
            {
                await CheckAsync(cancellationToken);
            }

            if (!Engaged)
            {
                Interlocked.Add(ref _passedSinceCheck, entries);
                return;
            }

            await Task.Delay(Interval, _time, cancellationToken);
        }
    }

    /// <summary>Asks Redis about the watched group now and engages or releases.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await _checking.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Exchange(ref _lastCheck, Stopwatch.GetTimestamp());
            Interlocked.Exchange(ref _passedSinceCheck, 0);
            var (lag, oldestAge) = await ReadGroupAsync(cancellationToken);
            LastLag = lag;
            MaxLagSeen = Math.Max(MaxLagSeen, lag ?? 0);
            if (!Engaged && (lag > _options.MaxLag || oldestAge > _options.MaxPendingAgeSeconds))
            {
                Engaged = true;
                Engagements++;
                _engagedAt = Stopwatch.GetTimestamp();
                EngagementCounter.Add(1, _tags);
                Log.BackpressureEngaged(_logger, _stream, _options.Group, lag, oldestAge);
            }
            else if (Engaged && (lag ?? 0) <= _options.ResumeLag && (oldestAge ?? 0) <= _options.ResumePendingAgeSeconds)
            {
                Engaged = false;
                var paused = Math.Round(Stopwatch.GetElapsedTime(_engagedAt).TotalSeconds, 2);
                PausedCounter.Add(paused, _tags);
                Log.BackpressureReleased(_logger, _stream, _options.Group, lag, paused);
            }
        }
        catch (RedisException e)
        {
            Log.BackpressureCheckFailed(_logger, e, _stream, _options.Group, Engaged);
        }
        finally
        {
            _checking.Release();
        }
    }

    public void Dispose()
    {
        Active.TryRemove(this, out _);
        _checking.Dispose();
    }

    /// <summary>The group's lag (XINFO GROUPS) and its oldest pending entry's age (XPENDING); nulls when there is no such stream or group.</summary>
    private async Task<(long? Lag, double? OldestAge)> ReadGroupAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<StreamGroupInfo> groups;
        try
        {
            groups = await _redis.XInfoGroupsAsync(_stream, cancellationToken);
        }
        catch (RedisServerException e) when (e.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        if (groups.FirstOrDefault(g => g.Name == _options.Group) is not { } group)
        {
            return (null, null);
        }

        var pending = await _redis.XPendingAsync(_stream, _options.Group, cancellationToken);
        double? oldestAge = pending.LowestId is { } lowest ? Math.Max(0, (_time.GetUtcNow() - lowest.Timestamp).TotalSeconds) : null;
        return (group.Lag, oldestAge);
    }

    private static IEnumerable<Measurement<long>> Observe(Func<BackpressureGate, long> value) =>
        Active.Keys.Select(g => new Measurement<long>(value(g), g._tags));
}
