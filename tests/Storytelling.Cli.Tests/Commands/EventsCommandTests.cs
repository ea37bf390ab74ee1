using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;
using Storytelling.Testing;

namespace Storytelling.Cli.Tests.Commands;

/// <summary>The events commands against the real Redis, with a settings file naming this test's own stream, group and dead letters.</summary>
public sealed class EventsCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private const int Db = 1;
    private readonly string _prefix = UniqueNames.RedisKeyPrefix();
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-events-").FullName;
    private readonly List<(RedisStreamConsumer Consumer, CancellationTokenSource Stop, Task Run)> _consumers = [];
    private RedisClient _redis = null!;

    private string Stream => _prefix + "events";

    private string DeadLetterStream => _prefix + "failed";

    private string Group { get; } = $"group-{Guid.NewGuid():N}";

    private string Config => Path.Combine(_directory, "settings.yaml");

    public async Task InitializeAsync()
    {
        _redis = await RedisClient.ConnectAsync(new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort, Db = Db });
        await File.WriteAllTextAsync(Config, $"""
            redis:
              host: {TestServers.RedisHost}
              port: {TestServers.RedisPort}
            stage1:
              redis_db: {Db}
            event_consumer:
              source_stream: "{Stream}"
              consumer_group: "{Group}"
              dead_letter_stream: "{DeadLetterStream}"
              reclaim_idle_seconds: 5
            """);
    }

    public async Task DisposeAsync()
    {
        foreach (var (consumer, stop, run) in _consumers)
        {
            await stop.CancelAsync();
            await run.WaitAsync(Patience);
            consumer.Dispose();
            stop.Dispose();
        }

        await _redis.DelAsync([Stream, DeadLetterStream, DeadLetters.ReplayCounterKey(DeadLetterStream), ConsumerHealthProbe.HeartbeatKey(Stream, Group)]);
        await _redis.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Dead_letter_is_listed_shown_and_replayed_once_keeping_its_cloud_event_id()
    {
        var failing = true;
        var handled = new List<string>();
        var consumer = Run(context =>
        {
            if (context.Event.Id == "poison" && Volatile.Read(ref failing))
            {
                throw new InvalidOperationException("parser exploded");
            }

            lock (handled)
            {
                handled.Add(context.Event.Id);
            }

            return Task.CompletedTask;
        });
        await PublishAsync(Event("poison"));
        await EventuallyAsync(() => consumer.Statistics.DeadLettered == 1, "poison dead-lettered");

        var list = await InvokeAsync("events", "dlq", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        using var listed = JsonDocument.Parse(list.Output);
        var item = Assert.Single(listed.RootElement.GetProperty("dead_letters").EnumerateArray());
        Assert.Equal("poison", item.GetProperty("event_id").GetString());
        var id = item.GetProperty("id").GetString()!;

        var show = await InvokeAsync("events", "dlq", "show", id, "--json");
        Assert.Equal(0, show.ExitCode);
        using var shown = JsonDocument.Parse(show.Output);
        Assert.Equal("InvalidOperationException", shown.RootElement.GetProperty("reason").GetString());
        Assert.Equal("parser exploded", shown.RootElement.GetProperty("error_message").GetString());
        Assert.Equal(2, shown.RootElement.GetProperty("attempts").GetInt64());
        Assert.Equal("consumer-1", shown.RootElement.GetProperty("consumer").GetString());
        Assert.NotNull(shown.RootElement.GetProperty("first_failure").GetString());
        Assert.NotNull(shown.RootElement.GetProperty("last_failure").GetString());
        Assert.Equal("poison", shown.RootElement.GetProperty("event").GetProperty("id").GetString());

        var lengthBefore = await _redis.XLenAsync(Stream);
        var dryRun = await InvokeAsync("events", "dlq", "replay", id, "--dry-run");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("would replay " + id, dryRun.Output);
        Assert.Equal(lengthBefore, await _redis.XLenAsync(Stream));
        Assert.Equal(1, await _redis.XLenAsync(DeadLetterStream));

        Volatile.Write(ref failing, false);
        var replay = await InvokeAsync("events", "dlq", "replay", id, "--json");
        Assert.Equal(0, replay.ExitCode);
        using var replayed = JsonDocument.Parse(replay.Output);
        var result = Assert.Single(replayed.RootElement.GetProperty("dead_letters").EnumerateArray());
        Assert.True(result.GetProperty("replayed").GetBoolean());
        Assert.Equal("absent", result.GetProperty("done_marker").GetString());
        Assert.Equal(1, result.GetProperty("replays").GetInt64());
        var newEntry = StreamId.Parse(result.GetProperty("new_entry_id").GetString()!);

        await EventuallyAsync(() => consumer.Statistics.Processed == 1, "replayed event handled");
        Assert.Equal(["poison"], handled);
        Assert.Equal("poison", (await _redis.XRangeAsync(Stream, newEntry, newEntry)).Single().GetString("ce_id"));
        Assert.Equal(0, await _redis.XLenAsync(DeadLetterStream));
        Assert.Equal("1", await _redis.GetStringAsync(DeadLetters.ReplayCounterKey(DeadLetterStream)));

        var again = await InvokeAsync("events", "dlq", "replay", id);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("no dead letter", again.Error);
    }

    [Fact]
    public async Task Replay_since_dry_run_counts_what_a_fresh_group_would_process_and_skip_and_changes_nothing()
    {
        var consumer = Run(_ => Task.CompletedTask);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 4; i++)
        {
            await PublishAsync(Event($"r{i}"));
        }

        await PublishAsync(Event("r0"));
        await EventuallyAsync(() => consumer.Statistics.Processed == 4 && consumer.Statistics.DuplicatesSkipped == 1, "live group handled all");

        var dryRun = await InvokeAsync("events", "replay", "--since", before.ToString("O"), "--group", "fresh", "--dry-run", "--json");

        Assert.Equal(0, dryRun.ExitCode);
        using var plan = JsonDocument.Parse(dryRun.Output);
        Assert.Equal(5, plan.RootElement.GetProperty("entries").GetInt64());
        Assert.Equal(4, plan.RootElement.GetProperty("would_process").GetInt64());
        Assert.Equal(1, plan.RootElement.GetProperty("would_skip").GetInt64());
        Assert.Equal(4, plan.RootElement.GetProperty("already_processed_by_live_group").GetInt64());
        Assert.DoesNotContain(await _redis.XInfoGroupsAsync(Stream), g => g.Name == "fresh");

        var created = await InvokeAsync("events", "replay", "--since", before.ToString("O"), "--group", "fresh");
        Assert.Equal(0, created.ExitCode);
        var fresh = Assert.Single(await _redis.XInfoGroupsAsync(Stream), g => g.Name == "fresh");
        Assert.Equal(5, fresh.Lag);

        var twice = await InvokeAsync("events", "replay", "--since", before.ToString("O"), "--group", "fresh");
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("already exists", twice.Error);
    }

    [Fact]
    public async Task Health_pending_and_metrics_describe_a_consumer_holding_an_entry()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = Run(async _ => await release.Task);
        await PublishAsync(Event("held"));
        await EventuallyAsync(() => consumer.Statistics.TotalConsumed == 1, "entry delivered");
        try
        {
            var health = await InvokeAsync("events", "health", "--json");
            Assert.Equal(0, health.ExitCode);
            using var healthJson = JsonDocument.Parse(health.Output);
            Assert.True(healthJson.RootElement.GetProperty("healthy").GetBoolean());
            Assert.Equal(1, healthJson.RootElement.GetProperty("pending_count").GetInt64());

            var pending = await InvokeAsync("events", "pending", "--json");
            Assert.Equal(0, pending.ExitCode);
            using var pendingJson = JsonDocument.Parse(pending.Output);
            var entry = Assert.Single(pendingJson.RootElement.GetProperty("entries").EnumerateArray());
            Assert.Equal("held", entry.GetProperty("event_id").GetString());
            Assert.Equal("consumer-1", entry.GetProperty("consumer").GetString());

            var metrics = await InvokeAsync("events", "metrics", "--json");
            Assert.Equal(0, metrics.ExitCode);
            using var metricsJson = JsonDocument.Parse(metrics.Output);
            Assert.Equal(1, metricsJson.RootElement.GetProperty("length").GetInt64());
            Assert.Equal(1, metricsJson.RootElement.GetProperty("pending").GetInt64());
            Assert.Equal(0, metricsJson.RootElement.GetProperty("lag").GetInt64());
            Assert.Equal(0, metricsJson.RootElement.GetProperty("dead_letter_length").GetInt64());
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task Health_of_a_missing_stream_exits_1_and_says_so()
    {
        var run = await InvokeAsync("events", "health");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("healthy       no", run.Output);
        Assert.Contains("(missing)", run.Output);
    }

    [Fact]
    public async Task Bad_entry_id_or_time_exits_2_naming_the_input()
    {
        var show = await InvokeAsync("events", "dlq", "show", "not-an-id");
        var since = await InvokeAsync("events", "replay", "--since", "last tuesday", "--dry-run");
        var both = await InvokeAsync("events", "dlq", "replay", "1-0", "--all");

        Assert.Equal(2, show.ExitCode);
        Assert.Contains("'not-an-id'", show.Error);
        Assert.Equal(2, since.ExitCode);
        Assert.Contains("'last tuesday'", since.Error);
        Assert.Equal(2, both.ExitCode);
    }

    [Fact]
    public async Task Unreachable_Redis_exits_1_with_one_line_naming_the_server()
    {
        var config = Path.Combine(_directory, "unreachable.yaml");
        await File.WriteAllTextAsync(config, "redis:\n  port: 1\n  connect_timeout_ms: 300\n");

        var run = await CliRun.InvokeAsync("events", "metrics", "--config", config);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Redis at 127.0.0.1:1", run.Error);
    }

    private Task<CliRun> InvokeAsync(params string[] args) => CliRun.InvokeAsync([.. args, "--config", Config]);

    private RedisStreamConsumer Run(Func<EventContext, Task> handle)
    {
        var options = new ConsumerOptions
        {
            SourceStream = Stream,
            ConsumerGroup = Group,
            ConsumerName = "consumer-1",
            DeadLetterStream = DeadLetterStream,
            ConsumeEvents = [],
            PollIntervalMs = 200,
            MaxRetries = 2,
            RetryDelaySeconds = 0.02,
            ReclaimIdleSeconds = 5,
            ShutdownTimeoutSeconds = 5,
            ProcessBacklog = false,
        };
        var consumer = new RedisStreamConsumer(_redis, options, new DelegateEventProcessor(handle), NullLogger.Instance);
        var stop = new CancellationTokenSource();
        _consumers.Add((consumer, stop, Task.Run(() => consumer.RunAsync(stop.Token))));
        return consumer;
    }

    private Task<StreamId> PublishAsync(CloudEvent cloudEvent) => new RedisEventPublisher(_redis).PublishAsync(Stream, cloudEvent, CancellationToken.None);

    private static CloudEvent Event(string id) => CloudEvent.Create(EventTypes.DocumentCleaned, "/cli-test", new { n = id }) with { Id = id };

    private async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (_consumers.FirstOrDefault(c => c.Run.IsFaulted).Run is { } faulted)
            {
                throw new InvalidOperationException($"A consumer died while waiting for: {what}", faulted.Exception);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {Patience.TotalSeconds} s: {what}");
            }

            await Task.Delay(20);
        }
    }
}
