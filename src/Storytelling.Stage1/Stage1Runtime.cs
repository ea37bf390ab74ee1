using Microsoft.Extensions.Logging;
using Npgsql;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Cleaning.Duplicates;
using Storytelling.Hosting;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Metadata;
using Storytelling.Nlp.Language;
using Storytelling.Redis;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage1.Storage;
using Storytelling.Stage1.Workers;
using Storytelling.Storage;

namespace Storytelling.Stage1;

/// <summary>What Stage 1 needs to run: its settings sections, resolved (Redis on <c>stage1.redis_db</c>, PostgreSQL on <c>stage1.postgres_database</c>).</summary>
public sealed record Stage1Settings(
    RedisOptions Redis, PostgresOptions Postgres, Stage1Options Stage1, CleaningOptions Cleaning, ArticleInputOptions Input, LanguageIdentifier LanguageModel)
{
    /// <summary>Section <c>stage1.backpressure</c>: when the workers pause because Stage 2's consumer group lags on Stage 1's event stream.</summary>
    public BackpressureOptions Backpressure { get; init; } = new();

    /// <summary>The metadata registry's settings (section <c>metadata_registry</c>); off unless enabled.</summary>
    public MetadataRegistryOptions Metadata { get; init; } = new();
}

/// <summary>
/// The composition root of Stage 1 for one process: connections (Redis, PostgreSQL, with the schema migrated), the
/// store, the submitter and the completion step; <see cref="CreateWorker"/> makes a cleaning worker on the work queue.
/// </summary>
public sealed class Stage1Runtime : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly List<IAsyncDisposable> _owned = [];

    private Stage1Runtime(Stage1Settings settings, RedisClient redis, NpgsqlDataSource dataSource, ILoggerFactory loggers, TimeProvider time)
    {
        Registry = settings.Metadata.Enabled ? MetadataRegistry.Start(settings.Metadata, settings.Redis, loggers, time) : null;
        Metadata = Registry?.Recorder(RegistryStages.Stage1) ?? new DisabledMetadataRecorder(RegistryStages.Stage1);
        Settings = settings;
        Redis = redis;
        DataSource = dataSource;
        _loggers = loggers;
        Time = time;
        MinHasher = new MinHasher(settings.Cleaning.ToNearDuplicateOptions());
        Store = new Stage1Store(dataSource, MinHasher, time);
        WorkQueue = new RedisEventPublisher(redis);
        Announcements = new RedisEventPublisher(redis, settings.Stage1.MaxStreamLength);
        Completion = new JobCompletion(Store, Announcements, settings.Stage1, loggers.CreateLogger<JobCompletion>(), time, Metadata);
        Submitter = new JobSubmitter(Store, WorkQueue, Completion, new ArticleReader(settings.Input), settings.Stage1,
            loggers.CreateLogger<JobSubmitter>(), time, Metadata);
    }

    public Stage1Settings Settings { get; }

    public RedisClient Redis { get; }

    public NpgsqlDataSource DataSource { get; }

    public TimeProvider Time { get; }

    public MinHasher MinHasher { get; }

    public Stage1Store Store { get; }

    public IEventPublisher WorkQueue { get; }

    public IEventPublisher Announcements { get; }

    public JobCompletion Completion { get; }

    public JobSubmitter Submitter { get; }

    /// <summary>The metadata registry of this process, or null when <c>metadata_registry.enabled</c> is false.</summary>
    public MetadataRegistry? Registry { get; }

    /// <summary>Stage 1's dual-write recorder (a disabled one when the registry is off).</summary>
    public IMetadataRecorder Metadata { get; }

    /// <summary>Connects, creates the database if it is missing and the role may, and migrates schema <c>stage1</c>.</summary>
    public static async Task<Stage1Runtime> StartAsync(Stage1Settings settings, ILoggerFactory loggers, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        await PostgresDatabases.EnsureExistsAsync(settings.Postgres, cancellationToken);
        var dataSource = NpgsqlDataSource.Create(settings.Postgres.BuildConnectionString());
        RedisClient? redis = null;
        try
        {
            await Stage1Store.MigrateAsync(new PostgresMigrator(dataSource, loggers.CreateLogger<PostgresMigrator>()), cancellationToken);
            redis = await RedisClient.ConnectAsync(settings.Redis, loggers, cancellationToken);
            return new Stage1Runtime(settings, redis, dataSource, loggers, time ?? TimeProvider.System);
        }
        catch
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>What this process depends on, as readiness checks: <c>postgres</c> (<c>SELECT 1</c>) and <c>redis</c> (<c>PING</c>).</summary>
    public IReadOnlyList<HealthCheck> HealthChecks() => [DependencyChecks.Postgres("postgres", DataSource), DependencyChecks.Redis("redis", Redis)];

    /// <summary>The consumer settings of the work queue: group <c>stage1.work_group</c>, starting at the stream's beginning.</summary>
    public ConsumerOptions WorkerConsumerOptions(string consumerName) => new()
    {
        SourceStream = Settings.Stage1.WorkStream,
        ConsumerGroup = Settings.Stage1.WorkGroup,
        ConsumerName = consumerName,
        DeadLetterStream = Settings.Stage1.WorkDeadLetterStream,
        StartId = "0",
        BatchSize = OutcomeWriter.MaxBatch,
        ConcurrentTasks = Math.Min(1024, Settings.Stage1.WorkerConcurrency * 32),
        ConsumeEvents = [CloudEvents.EventTypes.DocumentSubmitted],
        ProcessBacklog = true,
        BacklogBatchSize = OutcomeWriter.MaxBatch,
        BacklogMaxAgeHours = 0,
        ReclaimIdleSeconds = Settings.Stage1.WorkReclaimIdleSeconds,
        PollIntervalMs = 1000,
    };

    /// <summary>A cleaning worker consuming the work queue with <paramref name="consumerOptions"/>; run it with <see cref="RedisStreamConsumer.RunAsync"/>.</summary>
    public RedisStreamConsumer CreateWorker(ConsumerOptions consumerOptions)
    {
        var writer = new OutcomeWriter(Store, _loggers.CreateLogger<OutcomeWriter>(), Metadata);
        _owned.Add(writer);
        var worker = new CleaningWorker(ArticleCleaner.Create(Settings.Cleaning, Settings.LanguageModel), MinHasher, writer, Completion,
            Settings.Stage1, consumerOptions.RetryFailed ? consumerOptions.MaxRetries : 1, _loggers.CreateLogger<CleaningWorker>(), Time);
        _owned.Add(new DisposeAction(worker.Dispose));
        var gate = Settings.Backpressure.Enabled
            ? new BackpressureGate(Redis, Settings.Stage1.EventStream, Settings.Backpressure, _loggers.CreateLogger<BackpressureGate>(), Time)
            : null;
        if (gate is not null)
        {
            _owned.Add(new DisposeAction(gate.Dispose));
        }

        return new RedisStreamConsumer(Redis, consumerOptions, worker, _loggers.CreateLogger<RedisStreamConsumer>(), Time, gate);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }

        await Redis.DisposeAsync();
        await DataSource.DisposeAsync();
    }

    private sealed class DisposeAction(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}
