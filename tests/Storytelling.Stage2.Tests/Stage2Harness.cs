using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Metadata;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Redis;
using Storytelling.Stage1;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage1.Storage;
using Storytelling.Storage;
using Storytelling.Testing;

namespace Storytelling.Stage2.Tests;

/// <summary>
/// Stage 1 and Stage 2 against the test run's real Redis and PostgreSQL, as separate runtimes joined only by Redis
/// Streams and Stage 1's database: databases of their own (created by the runtimes), streams under a unique prefix;
/// the Stage 1 worker, the event consumer and the NLP worker run in this process.
/// </summary>
public sealed class Stage2Harness : IAsyncDisposable
{
    private static readonly Lazy<ModelStore> Models = new(() => new ModelStore());
    private readonly List<(RedisStreamConsumer Consumer, Task Running, CancellationTokenSource Stop)> _services = [];

    private Stage2Harness(Stage1Runtime stage1, Stage2Runtime stage2)
    {
        Stage1 = stage1;
        Stage2 = stage2;
    }

    public Stage1Runtime Stage1 { get; }

    public Stage2Runtime Stage2 { get; }

    /// <param name="batchMode">event_consumer.batch_mode.</param>
    /// <param name="autoProcess">event_consumer.auto_process (false = dry run).</param>
    /// <param name="extra">Components appended to the default NLP pipeline (e.g. one that fails).</param>
    public static Task<Stage2Harness> StartAsync(bool batchMode = true, bool autoProcess = true, params INlpComponent[] extra) =>
        StartAsync(batchMode, autoProcess, configure: null, extra);

    /// <summary>In batch mode, both stages recording to the metadata registry of <paramref name="metadata"/>.</summary>
    public static Task<Stage2Harness> StartWithRegistryAsync(MetadataRegistryOptions metadata) =>
        StartAsync(batchMode: true, autoProcess: true, configure: null, [], metadata);

    /// <summary>
    /// As <see cref="StartAsync(bool, bool, INlpComponent[])"/> in batch mode, with Stage 2's settings changed by
    /// <paramref name="configure"/> (they start with <c>input_dir</c> = Stage 1's output folder and <c>output_dir</c> a
    /// fresh temporary folder).
    /// </summary>
    public static Task<Stage2Harness> StartWithAsync(Action<Stage2Options> configure) => StartAsync(batchMode: true, autoProcess: true, configure, []);

    /// <param name="metadata">The registry both stages record to; by default on or off as <c>METADATA_REGISTRY_ENABLED</c> says.</param>
    private static async Task<Stage2Harness> StartAsync(
        bool batchMode, bool autoProcess, Action<Stage2Options>? configure, INlpComponent[] extra, MetadataRegistryOptions? metadata = null)
    {
        metadata ??= Metadata.Tests.RegistryTestOptions.FromEnvironment();
        var prefix = UniqueNames.RedisKeyPrefix();
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        PostgresOptions Database() => new()
        {
            Host = server.Host!,
            Port = server.Port,
            Username = server.Username!,
            Password = server.Password,
            Database = UniqueNames.Identifier(),
        };
        var redis = new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort };
        var stage1Postgres = Database();
        var stage1Options = new Stage1Options
        {
            EventStream = prefix + "stage1:events",
            WorkStream = prefix + "stage1:work",
            WorkGroup = "cleaning-workers",
            OutputDir = Directory.CreateTempSubdirectory("stage2-test-").FullName,
            WorkerConcurrency = 2,
        };
        var stage1 = await Stage1Runtime.StartAsync(
            new Stage1Settings(redis, stage1Postgres, stage1Options, new CleaningOptions(), new ArticleInputOptions(),
                Models.Value.Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load))
            { Metadata = metadata },
            NullLoggerFactory.Instance, CancellationToken.None);
        var registry = NlpComponentRegistry.CreateDefault();
        var pipeline = new NlpPipeline(Settings.DefaultPipeline.Select(name => registry.Create(name, Models.Value)).Concat(extra));
        var consumer = new ConsumerOptions
        {
            SourceStream = stage1Options.EventStream,
            ConsumerGroup = "stage2-nlp-processor",
            ConsumerName = "test-host",
            DeadLetterStream = prefix + "stage2:failed-events",
            BatchMode = batchMode,
            AutoProcess = autoProcess,
            ConsumeEvents = [EventTypes.CleaningJobCompleted, EventTypes.DocumentCleaned],
            RetryDelaySeconds = 0.05,
            PollIntervalMs = 100,
        };
        var stage2Options = new Stage2Options
        {
            EventStream = prefix + "stage2:events",
            WorkStream = prefix + "stage2:work",
            WorkGroup = "nlp-workers",
            WorkerConcurrency = 2,
            InputDir = stage1Options.OutputDir,
            OutputDir = Directory.CreateTempSubdirectory("stage2-test-output-").FullName,
        };
        configure?.Invoke(stage2Options);
        var stage2 = await Stage2Runtime.StartAsync(
            new Stage2Settings(redis, stage1Postgres, redis, Database(), stage2Options, consumer, new Lazy<NlpPipeline>(pipeline)) { Metadata = metadata },
            NullLoggerFactory.Instance, CancellationToken.None);
        return new Stage2Harness(stage1, stage2);
    }

    /// <summary>Starts the Stage 1 worker, the event consumer and an NLP worker.</summary>
    public void StartServices()
    {
        Start(Stage1.CreateWorker(Stage1.WorkerConsumerOptions("cleaner")));
        Start(Stage2.CreateEventConsumer());
        var worker = Stage2.WorkerConsumerOptions("nlp-1");
        worker.RetryDelaySeconds = 0.05;
        Start(Stage2.CreateWorker(worker));
    }

    public RedisStreamConsumer EventConsumer => _services[1].Consumer;

    /// <summary>Starts a storyline builder (its engine rebuilt from the store first); stop it with <see cref="StopAsync"/>.</summary>
    public async Task<RedisStreamConsumer> StartStorylineBuilderAsync()
    {
        var builder = await Stage2.CreateStorylineBuilderAsync("builder", CancellationToken.None);
        Start(builder);
        return builder;
    }

    /// <summary>Stops one of the services this harness started (as a deployment would stop the process).</summary>
    public async Task StopAsync(RedisStreamConsumer consumer)
    {
        var index = _services.FindIndex(s => ReferenceEquals(s.Consumer, consumer));
        var (_, running, stop) = _services[index];
        await stop.CancelAsync();
        await running;
        consumer.Dispose();
        stop.Dispose();
        _services.RemoveAt(index);
    }

    /// <summary>A file of the repository (found above the test's output folder).</summary>
    public static string RepositoryFile(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}");
    }

    public Task<JobRecord> SubmitAsync(IEnumerable<string> lines) =>
        Stage1.Submitter.SubmitAsync(new JobRequest("batch-e2e", 4, "input.jsonl"), new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")), CancellationToken.None);

    /// <summary>Waits for Stage 2's <c>nlp.job.completed</c> of <paramref name="jobId"/> and returns Stage 2's announcements.</summary>
    public async Task<List<CloudEvent>> WaitForNlpJobAsync(string jobId, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var events = await AnnouncementsAsync(Stage2.Redis, Stage2.Settings.Stage2.EventStream);
            if (events.Any(e => e.Type == EventTypes.NlpJobCompleted && e.Subject == jobId))
            {
                return events;
            }

            var counts = await Stage2.Store.GetCountsAsync(jobId, CancellationToken.None);
            Assert.True(DateTime.UtcNow < deadline, $"no nlp.job.completed for {jobId} yet: {counts}");
            await Task.Delay(100);
        }
    }

    public Task<List<CloudEvent>> Stage1AnnouncementsAsync() => AnnouncementsAsync(Stage1.Redis, Stage1.Settings.Stage1.EventStream);

    public static async Task<List<CloudEvent>> AnnouncementsAsync(RedisClient redis, string stream)
    {
        var entries = await redis.XRangeAsync(stream, StreamId.Min, StreamId.Max);
        return [.. entries.Select(e => CloudEventStreamBinding.FromEntry(e).Event!)];
    }

    /// <summary>A distinct, cleanable news article (well over the 200-character minimum).</summary>
    public static string Article(int n, string? id = null) => JsonSerializer.Serialize(new
    {
        id = id ?? string.Create(CultureInfo.InvariantCulture, $"doc-{n}"),
        title = string.Create(CultureInfo.InvariantCulture, $"Council {Towns[n % Towns.Length]} approves plan number {n}"),
        content = string.Create(CultureInfo.InvariantCulture,
            $"The council of {Towns[n % Towns.Length]} approved a flood defence plan worth {n * 3 + 2} million euros on Tuesday. " +
            $"Mayor {Names[n % Names.Length]} said the work would start in {Months[n % Months.Length]} and employ {n + 40} people. " +
            $"Residents of district {n} protested outside the town hall, and police arrested {n % 5 + 1} demonstrators after a scuffle. " +
            $"The regional government did not confirm whether it would pay for the second phase of project {n}."),
        published_at = "2026-11-17T08:00:00+00:00",
        source = "Test Wire",
    });

    public async ValueTask DisposeAsync()
    {
        foreach (var (consumer, running, stop) in _services)
        {
            await stop.CancelAsync();
            await running;
            consumer.Dispose();
            stop.Dispose();
        }

        await Stage2.DisposeAsync();
        await Stage1.DisposeAsync();
        Metadata.Tests.RegistryTestOptions.DeleteOutbox(Stage2.Settings.Metadata);
    }

    private void Start(RedisStreamConsumer consumer)
    {
        var stop = new CancellationTokenSource();
        _services.Add((consumer, Task.Run(() => consumer.RunAsync(stop.Token)), stop));
    }

    private static readonly string[] Towns = ["Marrow", "Port Avel", "Linden", "Carrick", "Oldham Cross", "Vesta"];
    private static readonly string[] Names = ["Ana Ruiz", "Tom Becker", "Lena Park", "Omar Haddad", "Ines Costa"];
    private static readonly string[] Months = ["March", "April", "June", "September"];

    /// <summary>The default <c>nlp.pipeline</c> (config/settings.yaml), read from the built-in settings.</summary>
    private static class Settings
    {
        public static IReadOnlyList<string> DefaultPipeline { get; } = ReadPipeline();

        private static List<string> ReadPipeline()
        {
            var settings = Configuration.Settings.Load();
            var names = new List<string>();
            for (var i = 0; settings[$"nlp.pipeline.{i}"] is { } name; i++)
            {
                names.Add(name);
            }

            return names;
        }
    }
}
