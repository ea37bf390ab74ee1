using System.Text.Json.Nodes;
using Storytelling.Messaging.Redis;

namespace Storytelling.Hosting;

/// <summary>
/// The readiness of this process's stream consumer, as check <see cref="Check"/>: healthy while the consumer runs
/// (<see cref="RedisStreamConsumer.IsRunning"/>) and Redis answers about its group; the details are the group's
/// <see cref="Messaging.ConsumerHealth"/> (pending, lag, oldest pending age, consumers, dead letters). Unhealthy until
/// <see cref="AttachAsync"/> (the consumer is still being built: models loading, state rebuilding). Once attached, a
/// <see cref="ConsumerHealthMonitor"/> probes every <c>interval</c>, so <c>/metrics</c> has the group's gauges and
/// <c>storytelling events health</c> sees this consumer's heartbeat.
/// </summary>
public sealed class ConsumerReadiness : IAsyncDisposable
{
    public const string DefaultName = "consumer";

    private readonly TimeSpan _interval;
    private volatile ConsumerHealthMonitor? _monitor;

    public ConsumerReadiness(string name = DefaultName, TimeSpan? interval = null)
    {
        _interval = interval ?? ConsumerHealthMonitor.DefaultInterval;
        Check = new HealthCheck(name, CheckAsync);
    }

    public HealthCheck Check { get; }

    /// <summary>From now on the check reports <paramref name="consumer"/>; starts the periodic probe.</summary>
    public async Task AttachAsync(RedisStreamConsumer consumer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        if (_monitor is not null)
        {
            throw new InvalidOperationException($"a consumer is already attached to check '{Check.Name}'");
        }

        var probe = new ConsumerHealthProbe(consumer.Redis, consumer.Options, () => consumer.IsRunning, heartbeatValidity: _interval * 3);
        var monitor = new ConsumerHealthMonitor(probe, _interval);
        await monitor.StartAsync(cancellationToken);
        _monitor = monitor;
    }

    public async ValueTask DisposeAsync()
    {
        if (_monitor is { } monitor)
        {
            await monitor.StopAsync(CancellationToken.None);
            monitor.Dispose();
        }
    }

    private async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        if (_monitor is not { } monitor)
        {
            return HealthCheckResult.Unhealthy("the consumer is not built yet (loading models or rebuilding its state)");
        }

        var health = await monitor.CheckNowAsync(cancellationToken);
        var details = JsonNode.Parse(health.ToJson());
        if (health.Error is not null)
        {
            return HealthCheckResult.Unhealthy($"Redis did not say how group {health.Group} of {health.Stream} is doing: {health.Error}", details);
        }

        return health.Running
            ? HealthCheckResult.Healthy(details)
            : HealthCheckResult.Unhealthy($"the consumer of {health.Stream} (group {health.Group}) is not running", details);
    }
}
