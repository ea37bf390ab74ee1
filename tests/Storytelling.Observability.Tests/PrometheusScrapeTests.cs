using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.CloudEvents;
using Storytelling.Hosting;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;
using Storytelling.Testing;

namespace Storytelling.Observability.Tests;

/// <summary>
/// A real Prometheus server scrapes a consumer's status server (the face of every worker role) after the consumer did
/// real work on the test run's Redis, and the consumer's series arrive through Prometheus's query API, with the
/// deploy/prometheus alert rules loaded and evaluating.
/// </summary>
public sealed class PrometheusScrapeTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _prefix = UniqueNames.RedisKeyPrefix();
    private RedisClient _redis = null!;

    public async Task InitializeAsync() =>
        _redis = await RedisClient.ConnectAsync(new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort });

    [Fact]
    public async Task Prometheus_scrapes_the_consumer_status_server_and_its_processed_dead_letter_and_lag_series_arrive()
    {
        var options = new ConsumerOptions
        {
            SourceStream = _prefix + "events",
            ConsumerGroup = "scraped",
            ConsumerName = "scraped-1",
            DeadLetterStream = _prefix + "failed",
            PollIntervalMs = 100,
            MaxRetries = 1,
            RetryDelaySeconds = 0.05,
            ShutdownTimeoutSeconds = 1,
        };
        var source = "test/" + _prefix;
        var publisher = new RedisEventPublisher(_redis);
        for (var i = 0; i < 6; i++)
        {
            await publisher.PublishAsync(options.SourceStream, CloudEvent.Create(EventTypes.DocumentCleaned, source, new { poison = i == 5 }), CancellationToken.None);
        }

        using var consumer = new RedisStreamConsumer(_redis, options, new DelegateEventProcessor(context =>
            context.Event.Data!.Value.GetProperty("poison").GetBoolean() ? throw new InvalidOperationException("poison event") : Task.CompletedTask),
            NullLogger.Instance);
        await using var readiness = new ConsumerReadiness(interval: TimeSpan.FromMilliseconds(500));
        await readiness.AttachAsync(consumer, CancellationToken.None);
        await using var status = await ServiceStatusServer.StartAsync($"http://127.0.0.1:{FreePorts.Next()}", [readiness.Check], null, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var running = consumer.RunAsync(stop.Token);
        try
        {
            var target = new Uri(status.Urls[0]).Authority;
            var alerts = await File.ReadAllTextAsync(RepositoryFiles.PathOf("deploy/prometheus/alerts.yml"));
            var configuration = $"""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - alerts.yml
                scrape_configs:
                  - job_name: storytelling-test
                    static_configs:
                      - targets: ["{target}"]
                """;
            await using var prometheus = await PrometheusServer.StartAsync(configuration, new Dictionary<string, string> { ["alerts.yml"] = alerts }, CancellationToken.None);

            var selector = $"{{stream=\"{options.SourceStream}\",group=\"scraped\"}}";
            var expected = new Dictionary<string, double>
            {
                [$"up{{job=\"storytelling-test\"}}"] = 1,
                [$"storytelling_consumer_processed_total{selector}"] = 5,
                [$"storytelling_consumer_dead_lettered_total{selector}"] = 1,
                [$"storytelling_consumer_dead_letter_length{selector}"] = 1,
                [$"storytelling_consumer_lag{selector}"] = 0,
                [$"storytelling_consumer_pending{selector}"] = 0,
                [$"storytelling_consumer_healthy{selector}"] = 1,
                [$"storytelling_consumer_handle_duration_seconds_count{{stream=\"{options.SourceStream}\",group=\"scraped\",outcome=\"success\"}} >= bool 5"] = 1,
                [$"storytelling_consumer_handle_duration_seconds_count{{stream=\"{options.SourceStream}\",group=\"scraped\",outcome=\"failure\"}} >= bool 1"] = 1,
            };
            var seen = new Dictionary<string, string>();
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                foreach (var query in expected.Keys)
                {
                    var result = await prometheus.QueryAsync(query, CancellationToken.None);
                    seen[query] = result.Count == 1 ? result[0].Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{result.Count} series";
                }

                if (expected.All(e => seen[e.Key] == e.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(250);
            }

            Assert.True(expected.All(e => seen[e.Key] == e.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                "Prometheus's answers after " + Patience.TotalSeconds + " s (query = got / expected):\n" +
                string.Join('\n', expected.Select(e => $"{e.Key} = {seen[e.Key]} / {e.Value}")) + "\nprometheus log:\n" + prometheus.Log);

            var targets = await prometheus.GetAsync("targets", CancellationToken.None);
            var active = Assert.Single(targets.GetProperty("activeTargets").EnumerateArray());
            Assert.Equal(("up", ""), (active.GetProperty("health").GetString(), active.GetProperty("lastError").GetString()));

            var rules = await prometheus.GetAsync("rules", CancellationToken.None);
            var loaded = rules.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
            Assert.Equal(8, loaded.Count);
            Assert.All(loaded, r => Assert.True(r.GetProperty("health").GetString() is "ok" or "unknown", $"{r.GetProperty("name")}: {r}"));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    public async Task DisposeAsync()
    {
        await _redis.DelAsync([_prefix + "events", _prefix + "failed", ConsumerHealthProbe.HeartbeatKey(_prefix + "events", "scraped")]);
        await _redis.DisposeAsync();
    }
}
