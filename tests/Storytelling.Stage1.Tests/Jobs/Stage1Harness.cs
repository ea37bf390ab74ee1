using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;
using Storytelling.Redis;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage1.Storage;
using Storytelling.Storage;
using Storytelling.Testing;

namespace Storytelling.Stage1.Tests.Jobs;

/// <summary>
/// Stage 1 against the test run's real Redis and PostgreSQL: a database of its own (created by the runtime itself, as
/// on a newcomer's server), streams under a unique prefix, an output folder of its own; workers run in this process.
/// </summary>
public sealed class Stage1Harness : IAsyncDisposable
{
    private static readonly Lazy<LanguageIdentifier> LanguageModel = new(() =>
        new ModelStore().Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load));

    private readonly List<(RedisStreamConsumer Consumer, Task Running, CancellationTokenSource Stop)> _workers = [];

    private Stage1Harness(Stage1Runtime runtime, string outputDir)
    {
        Runtime = runtime;
        OutputDir = outputDir;
    }

    public Stage1Runtime Runtime { get; }

    public string OutputDir { get; }

    public Stage1Options Options => Runtime.Settings.Stage1;

    /// <param name="backpressure">Section <c>stage1.backpressure</c> (default: the built-in one).</param>
    /// <param name="redisCommandTimeoutMs"><c>redis.command_timeout_ms</c> (default: the built-in one).</param>
    public static async Task<Stage1Harness> StartAsync(BackpressureOptions? backpressure = null, int? redisCommandTimeoutMs = null)
    {
        var prefix = UniqueNames.RedisKeyPrefix();
        var outputDir = Directory.CreateTempSubdirectory("stage1-test-").FullName;
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        var settings = new Stage1Settings(
            new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort, CommandTimeoutMs = redisCommandTimeoutMs ?? new RedisOptions().CommandTimeoutMs },
            new PostgresOptions
            {
                Host = server.Host!,
                Port = server.Port,
                Username = server.Username!,
                Password = server.Password,
                Database = UniqueNames.Identifier(),
            },
            new Stage1Options
            {
                EventStream = prefix + "events",
                WorkStream = prefix + "work",
                WorkGroup = "workers",
                OutputDir = outputDir,
                WorkerConcurrency = 2,
            },
            new CleaningOptions { MinTextChars = 200 },
            new ArticleInputOptions(),
            LanguageModel.Value)
        {
            Backpressure = backpressure ?? new BackpressureOptions(),
            Metadata = Metadata.Tests.RegistryTestOptions.FromEnvironment(),
        };
        return new Stage1Harness(await Stage1Runtime.StartAsync(settings, NullLoggerFactory.Instance, CancellationToken.None), outputDir);
    }

    public Task<JobRecord> SubmitAsync(string jsonl, string batchId = "batch-1", int concurrency = 4) =>
        Runtime.Submitter.SubmitAsync(new JobRequest(batchId, concurrency, "input.jsonl"), new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), CancellationToken.None);

    public RedisStreamConsumer StartWorker(string name = "worker-1", Action<ConsumerOptions>? configure = null)
    {
        var options = Runtime.WorkerConsumerOptions(name);
        options.ReclaimIdleSeconds = 1;
        configure?.Invoke(options);
        var consumer = Runtime.CreateWorker(options);
        var stop = new CancellationTokenSource();
        _workers.Add((consumer, Task.Run(() => consumer.RunAsync(stop.Token)), stop));
        return consumer;
    }

    public async Task<JobRecord> WaitForJobAsync(string jobId, JobState state, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = await Runtime.Store.GetJobAsync(jobId, 100, CancellationToken.None) ?? throw new InvalidOperationException($"no job {jobId}");
            if (job.State == state)
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} is {job.State} with {job.Cleaned} cleaned, {job.Rejected} rejected of {job.Submitted}, not {state}");
            await Task.Delay(50);
        }
    }

    /// <summary>The events announced on the event stream, in order.</summary>
    public async Task<List<CloudEvent>> AnnouncementsAsync()
    {
        var entries = await Runtime.Redis.XRangeAsync(Options.EventStream, StreamId.Min, StreamId.Max);
        return [.. entries.Select(e => CloudEventStreamBinding.FromEntry(e).Event!)];
    }

    public static string Line(object article) => JsonSerializer.Serialize(article, CloudEvent.DataJsonOptions);

    public async ValueTask DisposeAsync()
    {
        foreach (var (consumer, running, stop) in _workers)
        {
            await stop.CancelAsync();
            await running;
            consumer.Dispose();
            stop.Dispose();
        }

        await Runtime.DisposeAsync();
        await PostgresDatabases.DropIfExistsAsync(Runtime.Settings.Postgres, CancellationToken.None);
        Metadata.Tests.RegistryTestOptions.DeleteOutbox(Runtime.Settings.Metadata);

        Directory.Delete(OutputDir, recursive: true);
    }
}
