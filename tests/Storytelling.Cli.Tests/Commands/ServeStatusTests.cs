using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Storytelling.Cli.Commands;
using Storytelling.Cli.Processes;
using Storytelling.CloudEvents;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;
using Storytelling.Storage;
using Storytelling.Testing;
using Xunit.Abstractions;

namespace Storytelling.Cli.Tests.Commands;

/// <summary>
/// The status server of <c>storytelling serve --role event-consumer</c>, run as the real process against the test
/// run's Redis and PostgreSQL: readiness with the consumer group's view, Prometheus metrics of the consumer, and 503
/// naming the dependency that went away while liveness stays 200.
/// </summary>
public sealed partial class ServeStatusTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string _prefix = UniqueNames.RedisKeyPrefix();
    private readonly string _group = UniqueNames.Identifier("group");
    private readonly string _stage1Database = UniqueNames.Identifier();
    private readonly string _stage2Database = UniqueNames.Identifier();
    private readonly TaskCompletionSource<string> _statusUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private RedisClient _redis = null!;
    private RoleProcesses? _processes;

    private string Stream => _prefix + "events";

    public async Task InitializeAsync() =>
        _redis = await RedisClient.ConnectAsync(new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort });

    [Fact]
    public async Task The_event_consumer_serves_readiness_with_its_group_and_metrics_and_names_a_database_that_went_away()
    {
        var status = await StatusUrlAsync(StartEventConsumer());

        var ready = await EventuallyAsync("/health/ready", status, r => r.Status == HttpStatusCode.OK);
        var checks = ready.Body.GetProperty("checks");
        foreach (var dependency in new[] { "postgres", "redis", "stage1_postgres", "stage1_redis", "consumer" })
        {
            Assert.True(checks.GetProperty(dependency).GetProperty("healthy").GetBoolean(), $"{dependency}: {checks.GetProperty(dependency)}");
        }

        var group = checks.GetProperty("consumer").GetProperty("details");
        Assert.Equal((Stream, _group, true), (group.GetProperty("stream").GetString(), group.GetProperty("group").GetString(), group.GetProperty("running").GetBoolean()));
        Assert.Equal((0, 0), (group.GetProperty("pending_count").GetInt64(), group.GetProperty("lag").GetInt64()));

        // An announcement of a type the consumer does not handle: read, counted and acknowledged without touching PostgreSQL.
        await new RedisEventPublisher(_redis).PublishAsync(Stream, CloudEvent.Create("com.example.unrelated", "/serve-status-test", new { n = 1 }), CancellationToken.None);
        // The consumed count is taken when the entry is read, the filtered count a moment later when it is acknowledged.
        var metrics = await EventuallyMetricsAsync(status, text =>
            Series(text, "storytelling_consumer_consumed_total") is not null && Series(text, "storytelling_consumer_filtered_total") is not null);
        Assert.Equal("1", Series(metrics, "storytelling_consumer_consumed_total"));
        Assert.Equal("1", Series(metrics, "storytelling_consumer_filtered_total"));
        Assert.Contains("# TYPE storytelling_consumer_consumed_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE storytelling_consumer_pending gauge", metrics, StringComparison.Ordinal);
        Assert.Equal("0", Series(metrics, "storytelling_consumer_pending"));
        // What the process is, from service.name / service.environment (this test sets the environment).
        var info = Assert.Single(metrics.Split('\n'), line => line.StartsWith("storytelling_service_info{", StringComparison.Ordinal));
        Assert.Contains("service=\"storytelling\"", info, StringComparison.Ordinal);
        Assert.Contains("environment=\"serve-status-test\"", info, StringComparison.Ordinal);
        Assert.Contains("role=\"event-consumer\"", info, StringComparison.Ordinal);
        Assert.EndsWith(" 1", info, StringComparison.Ordinal);

        await using (var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Pooling = false }.ConnectionString))
        await using (var drop = admin.CreateCommand($"DROP DATABASE \"{_stage2Database}\" WITH (FORCE)"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        // The first probe after the drop may still meet a pooled connection the drop terminated (57P01); the next ones reconnect.
        var unready = await EventuallyAsync("/health/ready", status, r => r.Status == HttpStatusCode.ServiceUnavailable &&
            r.Body.GetProperty("checks").GetProperty("postgres").GetProperty("error").GetString()!.Contains($"database \"{_stage2Database}\" does not exist", StringComparison.Ordinal));
        Assert.Equal("unhealthy", unready.Body.GetProperty("status").GetString());
        Assert.False(unready.Body.GetProperty("checks").GetProperty("postgres").GetProperty("healthy").GetBoolean());
        Assert.True(unready.Body.GetProperty("checks").GetProperty("stage1_postgres").GetProperty("healthy").GetBoolean());
        using var live = await Http.GetAsync(new Uri(status + "/health/live"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Health_urls_on_an_api_role_is_bad_usage()
    {
        var run = await CliRun.InvokeAsync("serve", "--role", "stage1-api", "--health-urls", "http://127.0.0.1:0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--health-urls is for roles without an API", run.Error, StringComparison.Ordinal);
    }

    private RoleProcess StartEventConsumer()
    {
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        _processes ??= new RoleProcesses(new Dictionary<string, string>
        {
            ["service.host_name"] = "serve-status",
            ["service.environment"] = "serve-status-test",
            ["service.log_level"] = "Information",
            ["service.log_format"] = "text",
            ["redis.host"] = TestServers.RedisHost,
            ["redis.port"] = TestServers.RedisPort.ToString(CultureInfo.InvariantCulture),
            ["postgres.host"] = server.Host!,
            ["postgres.port"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["postgres.username"] = server.Username!,
            ["postgres.password"] = server.Password ?? "",
            ["stage1.postgres_database"] = _stage1Database,
            ["stage1.redis_db"] = "0",
            ["stage2.postgres_database"] = _stage2Database,
            ["stage2.redis_db"] = "0",
            ["stage2.event_stream"] = _prefix + "nlp-events",
            ["stage2.work_stream"] = _prefix + "nlp-work",
            ["event_consumer.source_stream"] = Stream,
            ["event_consumer.consumer_group"] = _group,
            ["event_consumer.dead_letter_stream"] = _prefix + "failed",
            ["event_consumer.poll_interval_ms"] = "200",
        }, Watch);
        return _processes.Start(ServeCommand.EventConsumer, arguments: ["--health-urls", "http://127.0.0.1:0"]);
    }

    /// <summary>The status server's address from its log event, once the process got that far.</summary>
    private async Task<string> StatusUrlAsync(RoleProcess process)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!_statusUrl.Task.IsCompleted)
        {
            Assert.False(process.HasExited, $"serve --role event-consumer exited with {process.ExitCode} before its status server started");
            Assert.True(DateTime.UtcNow < deadline, $"no status_server_started within {Patience.TotalSeconds} s");
            await Task.Delay(100);
        }

        return await _statusUrl.Task;
    }

    private void Watch(string line)
    {
        output.WriteLine(line);
        if (StatusStarted().Match(line) is { Success: true } match)
        {
            _statusUrl.TrySetResult(match.Groups[1].Value);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> EventuallyAsync(string path, string status, Func<(HttpStatusCode Status, JsonElement Body), bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var response = await Http.GetAsync(new Uri(status + path));
            var answer = (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
            if (done(answer))
            {
                return answer;
            }

            Assert.True(DateTime.UtcNow < deadline, $"GET {path} after {Patience.TotalSeconds} s: {(int)answer.StatusCode} {answer.Item2}");
            await Task.Delay(100);
        }
    }

    private static async Task<string> EventuallyMetricsAsync(string status, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var text = await Http.GetStringAsync(new Uri(status + "/metrics"));
            if (done(text))
            {
                return text;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/metrics after {Patience.TotalSeconds} s:\n{text}");
            await Task.Delay(100);
        }
    }

    /// <summary>The value of the one series of <paramref name="name"/> labelled with this test's stream, or null.</summary>
    private string? Series(string metrics, string name) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains($"stream=\"{Stream}\"", StringComparison.Ordinal))
            .Select(line => line[(line.LastIndexOf(' ') + 1)..])
            .SingleOrDefault();

    [GeneratedRegex(@"status_server_started urls=(\S+)")]
    private static partial Regex StatusStarted();

    public async Task DisposeAsync()
    {
        if (_processes is not null)
        {
            await _processes.DisposeAsync();
        }

        await _redis.DelAsync([Stream, _prefix + "failed", _prefix + "nlp-events", _prefix + "nlp-work", ConsumerHealthProbe.HeartbeatKey(Stream, _group)]);
        await _redis.DisposeAsync();
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        foreach (var database in new[] { _stage1Database, _stage2Database })
        {
            await PostgresDatabases.DropIfExistsAsync(
                new PostgresOptions { Host = server.Host!, Port = server.Port, Username = server.Username!, Password = server.Password, Database = database }, CancellationToken.None);
        }
    }
}
