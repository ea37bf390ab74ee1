using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Redis;
using Storytelling.Stage1;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage1.Storage;
using Storytelling.Stage2;
using Storytelling.Storage;

namespace Storytelling.Cli.Processes;

/// <summary>Where a <see cref="LocalPipeline"/> runs: the servers, a run name that keeps its streams and databases apart, and the consumer mode.</summary>
public sealed record LocalPipelineOptions(RedisOptions Redis, PostgresOptions Server, string RunName)
{
    /// <summary><c>event_consumer.batch_mode</c>: Stage 1's <c>job.completed</c> triggers the job (true) or each <c>document.cleaned</c> its document.</summary>
    public bool BatchMode { get; init; } = true;

    /// <summary>How soon a killed service's unacknowledged entries are taken over (every consumer group's reclaim idle time).</summary>
    public TimeSpan ReclaimIdle { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>More settings for every service (keys <c>section.key</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The distributed pipeline on this machine for one run (ADR 7, ADR 8): every service a real
/// <c>storytelling serve --role</c> process (<see cref="Processes"/>), with Redis streams under the prefix
/// <c>&lt;run&gt;:</c>, PostgreSQL databases <c>&lt;run&gt;_stage1</c> and <c>&lt;run&gt;_stage2</c> and a JSONL folder of
/// its own, all removed on dispose. This process holds Stage 1's runtime to submit jobs (as <c>batch submit</c> does)
/// and Stage 2's to watch them; it runs no service itself.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private readonly string _outputDir;

    private LocalPipeline(Stage1Runtime stage1, Stage2Runtime stage2, RoleProcesses processes, string outputDir)
    {
        Stage1 = stage1;
        Stage2 = stage2;
        Processes = processes;
        _outputDir = outputDir;
    }

    public Stage1Runtime Stage1 { get; }

    public Stage2Runtime Stage2 { get; }

    public RoleProcesses Processes { get; }

    /// <summary>Connects, creates and migrates the run's databases; starts no service (see <see cref="RoleProcesses.Start"/>).</summary>
    public static async Task<LocalPipeline> StartAsync(LocalPipelineOptions options, ModelStore models, Action<string> errorLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        var run = options.RunName;
        var outputDir = Directory.CreateTempSubdirectory($"{run}-").FullName;
        var stage1Options = new Stage1Options
        {
            RedisDb = options.Redis.Db,
            PostgresDatabase = $"{run}_stage1",
            EventStream = $"{run}:stage1:events",
            WorkStream = $"{run}:stage1:work",
            WorkGroup = "stage1-cleaning-workers",
            OutputDir = Path.Combine(outputDir, "stage1"),
            WorkReclaimIdleSeconds = options.ReclaimIdle.TotalSeconds,
        };
        var stage2Options = new Stage2Options
        {
            RedisDb = options.Redis.Db,
            PostgresDatabase = $"{run}_stage2",
            EventStream = $"{run}:stage2:events",
            WorkStream = $"{run}:stage2:work",
            WorkGroup = "stage2-nlp-workers",
            OutputDir = Path.Combine(outputDir, "stage2"),
            WorkReclaimIdleSeconds = options.ReclaimIdle.TotalSeconds,
        };
        var consumer = new ConsumerOptions
        {
            SourceStream = stage1Options.EventStream,
            DeadLetterStream = $"{run}:stage2:failed-events",
            BatchMode = options.BatchMode,
            ReclaimIdleSeconds = options.ReclaimIdle.TotalSeconds,
            RetryDelaySeconds = 1,
            PollIntervalMs = 200,
        };
        var settings = new Dictionary<string, string>
        {
            ["service.log_level"] = "Information",
            ["service.log_format"] = "json",
            ["redis.host"] = options.Redis.Host,
            ["redis.port"] = Text(options.Redis.Port),
            ["postgres.host"] = options.Server.Host,
            ["postgres.port"] = Text(options.Server.Port),
            ["postgres.username"] = options.Server.Username,
            ["postgres.password"] = options.Server.Password ?? "",
            ["stage1.redis_db"] = Text(stage1Options.RedisDb),
            ["stage1.postgres_database"] = stage1Options.PostgresDatabase,
            ["stage1.event_stream"] = stage1Options.EventStream,
            ["stage1.work_stream"] = stage1Options.WorkStream,
            ["stage1.work_group"] = stage1Options.WorkGroup,
            ["stage1.output_dir"] = stage1Options.OutputDir,
            ["stage1.work_reclaim_idle_seconds"] = Text(stage1Options.WorkReclaimIdleSeconds),
            ["stage2.redis_db"] = Text(stage2Options.RedisDb),
            ["stage2.postgres_database"] = stage2Options.PostgresDatabase,
            ["stage2.event_stream"] = stage2Options.EventStream,
            ["stage2.work_stream"] = stage2Options.WorkStream,
            ["stage2.work_group"] = stage2Options.WorkGroup,
            ["stage2.output_dir"] = stage2Options.OutputDir,
            ["stage2.work_reclaim_idle_seconds"] = Text(stage2Options.WorkReclaimIdleSeconds),
            ["event_consumer.source_stream"] = consumer.SourceStream,
            ["event_consumer.dead_letter_stream"] = consumer.DeadLetterStream,
            ["event_consumer.batch_mode"] = options.BatchMode ? "true" : "false",
            ["event_consumer.reclaim_idle_seconds"] = Text(consumer.ReclaimIdleSeconds),
            ["event_consumer.retry_delay_seconds"] = Text(consumer.RetryDelaySeconds),
            ["event_consumer.poll_interval_ms"] = Text(consumer.PollIntervalMs),
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var stage1Redis = options.Redis.WithDb(stage1Options.RedisDb);
        var stage1 = await Stage1Runtime.StartAsync(
            new Stage1Settings(stage1Redis, options.Server.WithDatabase(stage1Options.PostgresDatabase), stage1Options, new CleaningOptions(), new ArticleInputOptions(),
                models.Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load)),
            NullLoggerFactory.Instance, cancellationToken);
        try
        {
            var notHere = new Lazy<NlpPipeline>(() => throw new InvalidOperationException("the local pipeline analyses nothing in this process: its NLP workers do"));
            var stage2 = await Stage2Runtime.StartAsync(
                new Stage2Settings(stage1Redis, stage1.Settings.Postgres, options.Redis.WithDb(stage2Options.RedisDb), options.Server.WithDatabase(stage2Options.PostgresDatabase),
                    stage2Options, consumer, notHere),
                NullLoggerFactory.Instance, cancellationToken);
            return new LocalPipeline(stage1, stage2, new RoleProcesses(settings, line =>
            {
                if (!IsRoutine(line))
                {
                    errorLines(line);
                }
            }), outputDir);
        }
        catch
        {
            await stage1.DisposeAsync();
            throw;
        }
    }

    /// <summary>Submits a JSONL job as <c>batch submit -c <paramref name="concurrency"/></c> does.</summary>
    public Task<JobRecord> SubmitAsync(Stream jsonl, CancellationToken cancellationToken, int concurrency = JobRequest.MaxConcurrency) =>
        Stage1.Submitter.SubmitAsync(new JobRequest("local-pipeline", concurrency, "articles.jsonl"), jsonl, cancellationToken);

    /// <summary>
    /// Waits until Stage 2 has completed <paramref name="jobId"/> (its <c>nlp.job.completed</c> is published before the
    /// job is marked completed) and returns Stage 2's announcements; fails early when a service died that
    /// <paramref name="servicesHealthy"/> did not expect, or when nothing moved for <paramref name="stallLimit"/>.
    /// </summary>
    public async Task<IReadOnlyList<CloudEvent>> WaitForStage2JobAsync(string jobId, TimeSpan stallLimit, Func<bool>? servicesHealthy, CancellationToken cancellationToken)
    {
        var (lastSeen, lastMove) = (-1L, DateTime.UtcNow);
        while (true)
        {
            var stage2 = await Stage2.Store.GetCountsAsync(jobId, cancellationToken);
            if (stage2?.IsCompleted == true)
            {
                return await AnnouncementsAsync(Stage2.Redis, Stage2.Settings.Stage2.EventStream, cancellationToken);
            }

            var stage1 = await Stage1.Store.GetProgressAsync(jobId, cancellationToken);
            var seen = (stage1?.Cleaned ?? 0) + (stage1?.Rejected ?? 0) + (stage2?.Processed ?? 0) + (stage2?.Failed ?? 0);
            if (seen != lastSeen)
            {
                (lastSeen, lastMove) = (seen, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - lastMove > stallLimit)
            {
                throw new TimeoutException($"job {jobId} made no progress for {stallLimit.TotalSeconds:0} s: Stage 1 {stage1}, Stage 2 {stage2}");
            }

            if (servicesHealthy is not null && !servicesHealthy())
            {
                var dead = Processes.Started.Where(p => p.HasExited).Select(p => $"{p.Role} {p.Id} (exit {p.ExitCode})");
                throw new InvalidOperationException($"a service of the local pipeline exited while job {jobId} ran: {string.Join(", ", dead)}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Waits until every running service has said it is ready (<see cref="RoleProcess.Ready"/>), failing when one exits first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + patience;
        while (Processes.Started.Where(p => !p.HasExited).Any(p => !p.Ready.IsCompleted))
        {
            if (Processes.Started.FirstOrDefault(p => p.HasExited && !p.Ready.IsCompleted) is { } dead)
            {
                throw new InvalidOperationException($"{dead.Role} {dead.Id} exited (code {dead.ExitCode}) before it was ready");
            }

            if (DateTime.UtcNow > deadline)
            {
                var waiting = Processes.Started.Where(p => !p.Ready.IsCompleted).Select(p => $"{p.Role} {p.Id}");
                throw new TimeoutException($"not ready after {patience.TotalSeconds:0} s: {string.Join(", ", waiting)}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>A JSON log line below Warning (the services log at Information so <see cref="RoleProcess.Ready"/> can be seen; only the rest is passed on).</summary>
    private static bool IsRoutine(string line) =>
        line.Contains("\"LogLevel\":\"Information\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Debug\"", StringComparison.Ordinal)
        || line.Contains("\"LogLevel\":\"Trace\"", StringComparison.Ordinal);

    /// <summary>Every announcement on <paramref name="stream"/>, read in pages (one XRANGE of thousands can outlast the command timeout).</summary>
    public static async Task<List<CloudEvent>> AnnouncementsAsync(RedisClient redis, string stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var events = new List<CloudEvent>();
        var from = StreamId.Min;
        while (true)
        {
            var page = await redis.XRangeAsync(stream, from, StreamId.Max, 500, cancellationToken);
            events.AddRange(page.Select(e => CloudEventStreamBinding.FromEntry(e).EnsureValid()));
            if (page.Count < 500)
            {
                return events;
            }

            from = page[^1].Id.Increment();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Processes.DisposeAsync();
        var stage1 = Stage1.Settings.Stage1;
        var stage2 = Stage2.Settings.Stage2;
        await Stage1.Redis.DelAsync([stage1.EventStream, stage1.WorkStream, stage1.WorkDeadLetterStream, Stage2.Settings.EventConsumer.DeadLetterStream]);
        await Stage2.Redis.DelAsync([stage2.EventStream, stage2.WorkStream, stage2.WorkDeadLetterStream, stage2.EventStream + ":storylines-failed"]);
        var databases = (Stage1.Settings.Postgres, Stage2.Settings.Postgres);
        await Stage2.DisposeAsync();
        await Stage1.DisposeAsync();
        await PostgresDatabases.DropIfExistsAsync(databases.Item1, CancellationToken.None);
        await PostgresDatabases.DropIfExistsAsync(databases.Item2, CancellationToken.None);
        Directory.Delete(_outputDir, recursive: true);
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
