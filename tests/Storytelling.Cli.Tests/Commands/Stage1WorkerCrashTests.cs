using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Storytelling.Articles;
using Storytelling.Cleaning;
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
    private readonly List<Process> _workers = [];
    private readonly HashSet<int> _killed = [];
    private Stage1Runtime _runtime = null!;

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

            victim.Kill();
            await victim.WaitForExitAsync();
            kills.Add($"pid {victim.Id} at {progress.Cleaned + progress.Rejected} of {progress.Submitted}");
            StartWorker();
        }

        JobRecord done;
        while ((done = (await _runtime.Store.GetJobAsync(job.Id, 5, CancellationToken.None))!).State != JobState.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"job is {done.State}: {done.Cleaned} cleaned, {done.Rejected} rejected of {done.Submitted}");
            Assert.DoesNotContain(_workers, w => w.HasExited && !_killed.Contains(w.Id));
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

    /// <summary>A live worker holding delivered, unacknowledged work items (it is mid-batch).</summary>
    private async Task<Process?> BusyWorkerAsync()
    {
        var pending = await _runtime.Redis.XPendingAsync(_prefix + "work", "workers");
        foreach (var worker in _workers.Where(w => !w.HasExited).OrderBy(_ => Random.Shared.Next()))
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
        var cli = Path.Combine(AppContext.BaseDirectory, "storytelling.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--role");
        start.ArgumentList.Add("stage1-worker");
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["SERVICE__HOST_NAME"] = "crash",
            ["SERVICE__LOG_LEVEL"] = "Warning",
            ["SERVICE__LOG_FORMAT"] = "text",
            ["REDIS__HOST"] = TestServers.RedisHost,
            ["REDIS__PORT"] = TestServers.RedisPort.ToString(CultureInfo.InvariantCulture),
            ["POSTGRES__HOST"] = server.Host!,
            ["POSTGRES__PORT"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["POSTGRES__USERNAME"] = server.Username!,
            ["POSTGRES__PASSWORD"] = server.Password ?? "",
            ["STAGE1__POSTGRES_DATABASE"] = _database,
            ["STAGE1__REDIS_DB"] = "0",
            ["STAGE1__EVENT_STREAM"] = _prefix + "events",
            ["STAGE1__WORK_STREAM"] = _prefix + "work",
            ["STAGE1__WORK_GROUP"] = "workers",
            ["STAGE1__OUTPUT_DIR"] = _outputDir,
            ["STAGE1__WORKER_CONCURRENCY"] = "2",
            ["STAGE1__WORK_RECLAIM_IDLE_SECONDS"] = "1",
        })
        {
            start.Environment["STORYTELLING__" + key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.WriteLine($"[{process.Id}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _workers.Add(process);
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
        foreach (var worker in _workers)
        {
            if (!worker.HasExited)
            {
                worker.Kill();
                await worker.WaitForExitAsync();
            }

            worker.Dispose();
        }

        await _runtime.Redis.DelAsync([_prefix + "events", _prefix + "work", _prefix + "work:failed"]);
        await _runtime.DisposeAsync();
        await PostgresDatabases.DropIfExistsAsync(_runtime.Settings.Postgres, CancellationToken.None);

        Directory.Delete(_outputDir, recursive: true);
    }
}
