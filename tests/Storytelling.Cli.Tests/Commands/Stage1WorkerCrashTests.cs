using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Cli.Commands;
using Storytelling.Cli.Processes;
using Storytelling.CloudEvents;
using Storytelling.Messaging.Redis;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;
using Storytelling.Redis;
using Storytelling.Stage1;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage1.Storage;
using Storytelling.Storage;
using Storytelling.Testing;
using Xunit.Abstractions;

namespace Storytelling.Cli.Tests.Commands;

/// <summary>
/// Worker processes (<c>storytelling serve --role stage1-worker</c>) killed with SIGKILL in the middle of a job: the
/// job still completes, each document is stored and announced once, and <c>job.completed</c> is published once.
/// </summary>
public sealed class Stage1WorkerCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Articles = 2_500;
    private const int Kills = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string _prefix = UniqueNames.RedisKeyPrefix();
    private readonly string _database = UniqueNames.Identifier();
    private readonly string _outputDir = Directory.CreateTempSubdirectory("stage1-crash-").FullName;
    private readonly HashSet<int> _killed = [];
    private Stage1Runtime _runtime = null!;
    private RoleProcesses? _processes;

    public async Task InitializeAsync() =>
        _runtime = await Stage1Runtime.StartAsync(Settings(), NullLoggerFactory.Instance, CancellationToken.None);

    [Fact]
    public async Task Workers_killed_mid_job_lose_nothing_and_the_job_completes_once()
    {
        var job = await _runtime.Submitter.SubmitAsync(new JobRequest("crash", 8, "crash.jsonl"), Input(), CancellationToken.None);
        // The workers create the group too; creating it here lets the test watch pending entries from the start.
        await _runtime.Redis.XGroupCreateAsync(_prefix + "work", "workers", StreamId.Min, makeStream: true);
        StartWorker();
        StartWorker();

        var kills = new List<string>();
        var deadline = DateTime.UtcNow + Patience;
        while (kills.Count < Kills && DateTime.UtcNow < deadline)
        {
            var progress = (await _runtime.Store.GetProgressAsync(job.Id, CancellationToken.None))!;
            if (progress.IsComplete)
            {
                break;
            }

            // Kill number k once k/(Kills + 2) of the job is done, so kills land early, midway and late.
            var finished = progress.Cleaned + progress.Rejected;
            var victim = finished >= (kills.Count + 1) * Articles / (Kills + 2) ? await BusyWorkerAsync() : null;
            if (victim is null)
            {
                await Task.Delay(5);
                continue;
            }

            await victim.KillAsync();
            kills.Add($"pid {victim.Id} at {progress.Cleaned + progress.Rejected} of {progress.Submitted}");
            StartWorker();
        }

        JobRecord done;
        while ((done = (await _runtime.Store.GetJobAsync(job.Id, 5, CancellationToken.None))!).State != JobState.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"job is {done.State}: {done.Cleaned} cleaned, {done.Rejected} rejected of {done.Submitted}");
            Assert.DoesNotContain(Workers, w => w.HasExited && !_killed.Contains(w.Id));
            await Task.Delay(100);
        }

        output.WriteLine($"{Articles} articles, kills: {string.Join("; ", kills)}");
        Assert.NotEmpty(kills);
        Assert.Equal((Articles, Articles, 0L), (done.Submitted!.Value, done.Cleaned, done.Rejected));
        var announced = await AnnouncementsAsync();
        var cleaned = announced.Where(e => e.Type == EventTypes.DocumentCleaned).Select(e => e.Subject!).ToList();
        Assert.Equal(Articles, cleaned.Count);
        Assert.Equal(Articles, cleaned.Distinct(StringComparer.Ordinal).Count());
        Assert.Single(announced, e => e.Type == EventTypes.CleaningJobCompleted);
        var lines = await File.ReadAllLinesAsync(Path.Combine(_outputDir, job.Id + ".jsonl"));
        Assert.Equal(Articles, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Distinct(StringComparer.Ordinal).Count());
    }

    private IReadOnlyList<RoleProcess> Workers => _processes?.Started ?? [];

    /// <summary>A live worker holding delivered, unacknowledged work items (it is mid-batch).</summary>
    private async Task<RoleProcess?> BusyWorkerAsync()
    {
        var pending = await _runtime.Redis.XPendingAsync(_prefix + "work", "workers");
        foreach (var worker in Workers.Where(w => !w.HasExited).OrderBy(_ => Random.Shared.Next()))
        {
            if (pending.Consumers.Any(c => c.Name == $"crash-{worker.Id}" && c.Count > 0))
            {
                _killed.Add(worker.Id);
                return worker;
            }
        }

        return null;
    }

    private void StartWorker()
    {
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        _processes ??= new RoleProcesses(new Dictionary<string, string>
        {
            ["service.host_name"] = "crash",
            ["service.log_level"] = "Warning",
            ["service.log_format"] = "text",
            ["redis.host"] = TestServers.RedisHost,
            ["redis.port"] = TestServers.RedisPort.ToString(CultureInfo.InvariantCulture),
            ["postgres.host"] = server.Host!,
            ["postgres.port"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["postgres.username"] = server.Username!,
            ["postgres.password"] = server.Password ?? "",
            ["stage1.postgres_database"] = _database,
            ["stage1.redis_db"] = "0",
            ["stage1.event_stream"] = _prefix + "events",
            ["stage1.work_stream"] = _prefix + "work",
            ["stage1.work_group"] = "workers",
            ["stage1.output_dir"] = _outputDir,
            ["stage1.worker_concurrency"] = "2",
            ["stage1.work_reclaim_idle_seconds"] = "1",
        }, output.WriteLine);
        _processes.Start(ServeCommand.Stage1Worker);
    }

    private Stage1Settings Settings()
    {
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        return new Stage1Settings(
            new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort },
            new PostgresOptions { Host = server.Host!, Port = server.Port, Username = server.Username!, Password = server.Password, Database = _database },
            new Stage1Options { EventStream = _prefix + "events", WorkStream = _prefix + "work", WorkGroup = "workers", OutputDir = _outputDir },
            new CleaningOptions(),
            new ArticleInputOptions(),
            new ModelStore().Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load));
    }

    private static MemoryStream Input()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Articles; i++)
        {
            var body = string.Join(' ', Enumerable.Range(0, 5).Select(s =>
                $"Bulletin {i} part {s}: officials in county {i * 11 + s} counted {i * 3 + s} new applications for housing grants and {s + 2} appeals this month."));
            text.Append(JsonSerializer.Serialize(new { id = $"art-{i:D5}", title = $"Bulletin {i}", content = body })).Append('\n');
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private async Task<List<CloudEvent>> AnnouncementsAsync()
    {
        // In pages: one XRANGE of every announcement (several MB) can outlast the command timeout on a busy machine.
        var events = new List<CloudEvent>();
        var from = StreamId.Min;
        while (true)
        {
            var page = await _runtime.Redis.XRangeAsync(_prefix + "events", from, StreamId.Max, 500);
            events.AddRange(page.Select(e => CloudEventStreamBinding.FromEntry(e).Event!));
            if (page.Count < 500)
            {
                return events;
            }

            from = page[^1].Id.Increment();
        }
    }

    public async Task DisposeAsync()
    {
        if (_processes is not null)
        {
            await _processes.DisposeAsync();
        }

        await _runtime.Redis.DelAsync([_prefix + "events", _prefix + "work", _prefix + "work:failed"]);
        await _runtime.DisposeAsync();
        await PostgresDatabases.DropIfExistsAsync(_runtime.Settings.Postgres, CancellationToken.None);

        Directory.Delete(_outputDir, recursive: true);
    }
}
