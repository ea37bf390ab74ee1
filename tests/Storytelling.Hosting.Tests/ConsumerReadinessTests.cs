using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;
using Storytelling.Testing;

namespace Storytelling.Hosting.Tests;

/// <summary>The consumer check over a real consumer on the test run's Redis.</summary>
public sealed class ConsumerReadinessTests : IAsyncLifetime
{
    private readonly string _prefix = UniqueNames.RedisKeyPrefix();
    private RedisClient _redis = null!;

    public async Task InitializeAsync() =>
        _redis = await RedisClient.ConnectAsync(new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort });

    [Fact]
    public async Task The_check_is_unhealthy_until_the_consumer_runs_then_healthy_with_its_groups_pending_and_lag_then_unhealthy_once_it_stops()
    {
        var options = new ConsumerOptions
        {
            SourceStream = _prefix + "events",
            ConsumerGroup = "readiness",
            ConsumerName = "readiness-1",
            DeadLetterStream = _prefix + "failed",
            PollIntervalMs = 100,
            ShutdownTimeoutSeconds = 1,
        };
        await using var readiness = new ConsumerReadiness();
        var checks = new HealthChecks([readiness.Check]);

        var before = (await checks.RunAsync(CancellationToken.None)).Checks["consumer"];
        Assert.Equal((false, "the consumer is not built yet (loading models or rebuilding its state)"), (before.Healthy, before.Error));

        using var consumer = new RedisStreamConsumer(_redis, options, new DelegateEventProcessor(_ => Task.CompletedTask), NullLogger.Instance);
        await readiness.AttachAsync(consumer, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var running = consumer.RunAsync(stop.Token);
        var report = await EventuallyHealthyAsync(checks);
        var details = report.Checks["consumer"].Details!;
        Assert.Equal((options.SourceStream, "readiness", true), ((string?)details["stream"], (string?)details["group"], (bool)details["running"]!));
        Assert.Equal((0L, 0L, 0L), ((long)details["pending_count"]!, (long)details["lag"]!, (long)details["dead_letter_length"]!));

        await stop.CancelAsync();
        await running;
        var after = (await checks.RunAsync(CancellationToken.None)).Checks["consumer"];
        Assert.Equal((false, $"the consumer of {options.SourceStream} (group readiness) is not running"), (after.Healthy, after.Error));
    }

    private static async Task<HealthReport> EventuallyHealthyAsync(HealthChecks checks)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var report = await checks.RunAsync(CancellationToken.None);
            if (report.IsHealthy || DateTime.UtcNow > deadline)
            {
                Assert.True(report.IsHealthy, $"consumer still unhealthy after 30 s: {report.Checks["consumer"].Error}");
                return report;
            }

            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await _redis.DelAsync([_prefix + "events", _prefix + "failed", ConsumerHealthProbe.HeartbeatKey(_prefix + "events", "readiness")]);
        await _redis.DisposeAsync();
    }
}
