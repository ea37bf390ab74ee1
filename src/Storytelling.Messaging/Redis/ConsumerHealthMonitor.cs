using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Storytelling.Messaging.Redis;

/// <summary>
/// Runs a <see cref="ConsumerHealthProbe"/> every <see cref="Interval"/> and publishes the latest answer as observable
/// gauges of meter <see cref="ConsumerStatistics.MeterName"/> (tags <c>stream</c>, <c>group</c>):
/// <c>storytelling.consumer.pending</c>, <c>storytelling.consumer.lag</c> (absent while Redis cannot tell),
/// <c>storytelling.consumer.oldest_pending_age</c> (seconds, 0 when nothing is pending),
/// <c>storytelling.consumer.dead_letter_length</c> and <c>storytelling.consumer.healthy</c> (1 or 0).
/// </summary>
public sealed class ConsumerHealthMonitor : BackgroundService
{
    private static readonly ConcurrentDictionary<ConsumerHealthMonitor, byte> Active = new();
    private static readonly Meter Meter = new(ConsumerStatistics.MeterName);

    private readonly ConsumerHealthProbe _probe;
    private readonly KeyValuePair<string, object?>[] _tags;
    private volatile ConsumerHealth? _last;

    static ConsumerHealthMonitor()
    {
        Meter.CreateObservableGauge("storytelling.consumer.pending", () => ObserveCount(h => h.PendingCount),
            description: "Entries delivered to the group and not yet acknowledged (XPENDING)");
        Meter.CreateObservableGauge("storytelling.consumer.lag", () => ObserveCount(h => h.Lag),
            description: "Entries in the stream not yet delivered to the group (XINFO GROUPS lag)");
        Meter.CreateObservableGauge("storytelling.consumer.oldest_pending_age", () => ObserveSeconds(h => h.OldestPendingAgeSeconds ?? 0), unit: "s",
            description: "Age of the oldest pending entry, from its stream id");
        Meter.CreateObservableGauge("storytelling.consumer.dead_letter_length", () => ObserveCount(h => h.DeadLetterLength),
            description: "Entries in the dead-letter stream");
        Meter.CreateObservableGauge("storytelling.consumer.healthy", () => ObserveCount(h => h.Healthy ? 1 : 0),
            description: "1 when the consumer is enabled, running and its stream and group exist");
    }

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(15);

    public ConsumerHealthMonitor(ConsumerHealthProbe probe, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        _probe = probe;
        Interval = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThan(Interval, TimeSpan.FromMilliseconds(10), nameof(interval));
        _tags = [new("stream", probe.Options.SourceStream), new("group", probe.Options.ConsumerGroup)];
    }

    public TimeSpan Interval { get; }

    /// <summary>The latest answer, or null before the first probe.</summary>
    public ConsumerHealth? Last => _last;

    /// <summary>Probes now (what <c>/health</c> does) and keeps the answer for the gauges.</summary>
    public async Task<ConsumerHealth> CheckNowAsync(CancellationToken cancellationToken)
    {
        var health = await _probe.CheckAsync(cancellationToken);
        _last = health;
        return health;
    }

    public override void Dispose()
    {
        Active.TryRemove(this, out _);
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Active[this] = 0;
        try
        {
            using var timer = new PeriodicTimer(Interval);
            do
            {
                await CheckNowAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
        finally
        {
            Active.TryRemove(this, out _);
        }
    }

    private static IEnumerable<Measurement<long>> ObserveCount(Func<ConsumerHealth, long?> value)
    {
        foreach (var monitor in Active.Keys)
        {
            if (monitor._last is { } health && value(health) is { } measured)
            {
                yield return new Measurement<long>(measured, monitor._tags);
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveSeconds(Func<ConsumerHealth, double> value)
    {
        foreach (var monitor in Active.Keys)
        {
            if (monitor._last is { } health)
            {
                yield return new Measurement<double>(value(health), monitor._tags);
            }
        }
    }
}
