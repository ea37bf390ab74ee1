using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Npgsql;
using Storytelling.Cleaning.Duplicates;
using Storytelling.Hosting;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Metadata;
using Storytelling.Nlp.Pipeline;
using Storytelling.Redis;
using Storytelling.Stage1.Storage;
using Storytelling.Stage2.Backends;
using Storytelling.Stage2.Input;
using Storytelling.Stage2.Storage;
using Storytelling.Stage2.Stories;
using Storytelling.Stage2.Triggering;
using Storytelling.Stage2.Workers;
using Storytelling.Storage;
using Storytelling.Stories;

namespace Storytelling.Stage2;

/// <summary>
/// What Stage 2 needs to run, resolved: Stage 1's Redis (its event stream) and PostgreSQL (its documents), Stage 2's
/// Redis (<c>stage2.redis_db</c>: work queue and announcements) and PostgreSQL (<c>stage2.postgres_database</c>), the
/// section settings, the event consumer's settings and the NLP pipeline (built on first use: only the NLP workers and
/// the API's analyze endpoint run it, so the event consumer and the storyline builder never load the models).
/// </summary>
public sealed record Stage2Settings(
    RedisOptions Stage1Redis, PostgresOptions Stage1Postgres, RedisOptions Redis, PostgresOptions Postgres, Stage2Options Stage2,
    ConsumerOptions EventConsumer, Lazy<NlpPipeline> Pipeline)
{
    /// <summary>The story engine's settings (section <c>events</c>) for the storyline builder.</summary>
    public StoryOptions Stories { get; init; } = new();

    /// <summary>The metadata registry's settings (section <c>metadata_registry</c>); off unless enabled.</summary>
    public MetadataRegistryOptions Metadata { get; init; } = new();
}

/// <summary>
/// The composition root of Stage 2 for one process (ADR 8): connections (both stages' Redis databases and PostgreSQL
/// databases, Stage 2's schema migrated), the store and the completion step; <see cref="CreateEventConsumer"/> makes
/// the event consumer service and <see cref="CreateWorker"/> an NLP worker.
/// </summary>
public sealed class Stage2Runtime : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly List<IDisposable> _owned = [];

    private Stage2Runtime(
        Stage2Settings settings, RedisClient stage1Redis, RedisClient redis, NpgsqlDataSource stage1Data, NpgsqlDataSource data, ILoggerFactory loggers,
        TimeProvider time)
    {
        Settings = settings;
        Stage1Redis = stage1Redis;
        Redis = redis;
        Stage1DataSource = stage1Data;
        DataSource = data;
        _loggers = loggers;
        Time = time;
        Registry = settings.Metadata.Enabled ? MetadataRegistry.Start(settings.Metadata, settings.Redis, loggers, time) : null;
        Metadata = Registry?.Recorder(RegistryStages.Stage2) ?? new DisabledMetadataRecorder(RegistryStages.Stage2);
        Stage1Store = new Stage1Store(stage1Data, new MinHasher(new NearDuplicateOptions()), time);
        Store = new Stage2Store(data);
        Input = settings.Stage2.InputSource == "jsonl" ? new Stage1JsonlDocuments(settings.Stage2.InputDir) : new Stage1DatabaseDocuments(Stage1Store);
        Backends = MultiBackendWriter.Create(settings.Stage2, Store, loggers, time);
        Publisher = new RedisEventPublisher(redis);
        Completion = new Stage2Completion(Store, Backends, Publisher, settings.Stage2, loggers.CreateLogger<Stage2Completion>(), time, Metadata);
    }

    public Stage2Settings Settings { get; }

    public RedisClient Stage1Redis { get; }

    public RedisClient Redis { get; }

    public NpgsqlDataSource Stage1DataSource { get; }

    public NpgsqlDataSource DataSource { get; }

    public TimeProvider Time { get; }

    public Stage1Store Stage1Store { get; }

    public Stage2Store Store { get; }

    /// <summary>Where Stage 1's cleaned documents are read (<c>stage2.input_source</c>).</summary>
    public IStage1Documents Input { get; }

    /// <summary>The storage backends analysed documents are written to (<c>stage2.storage_backends</c>).</summary>
    public MultiBackendWriter Backends { get; }

    public IEventPublisher Publisher { get; }

    public Stage2Completion Completion { get; }

    /// <summary>The metadata registry of this process, or null when <c>metadata_registry.enabled</c> is false.</summary>
    public MetadataRegistry? Registry { get; }

    /// <summary>Stage 2's dual-write recorder (a disabled one when the registry is off).</summary>
    public IMetadataRecorder Metadata { get; }

    /// <summary>
    /// Checks the settings (<see cref="Stage2Options"/> and its fit with the event consumer's), connects, creates Stage 2's
    /// database if it is missing and the role may, and migrates both stages' schemas (so start order does not matter).
    /// </summary>
    public static async Task<Stage2Runtime> StartAsync(Stage2Settings settings, ILoggerFactory loggers, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        Validator.ValidateObject(settings.Stage2, new ValidationContext(settings.Stage2), validateAllProperties: true);
        if (settings.Stage2.ProblemsWith(settings.EventConsumer.BatchMode).FirstOrDefault() is { } problem)
        {
            throw new ValidationException(problem);
        }

        await PostgresDatabases.EnsureExistsAsync(settings.Stage1Postgres, cancellationToken);
        await PostgresDatabases.EnsureExistsAsync(settings.Postgres, cancellationToken);
        var stage1Data = NpgsqlDataSource.Create(settings.Stage1Postgres.BuildConnectionString());
        var data = NpgsqlDataSource.Create(settings.Postgres.BuildConnectionString());
        RedisClient? stage1Redis = null, redis = null;
        try
        {
            await Stage1Store.MigrateAsync(new PostgresMigrator(stage1Data, loggers.CreateLogger<PostgresMigrator>()), cancellationToken);
            await Stage2Store.MigrateAsync(new PostgresMigrator(data, loggers.CreateLogger<PostgresMigrator>()), cancellationToken);
            stage1Redis = await RedisClient.ConnectAsync(settings.Stage1Redis, loggers, cancellationToken);
            redis = await RedisClient.ConnectAsync(settings.Redis, loggers, cancellationToken);
            return new Stage2Runtime(settings, stage1Redis, redis, stage1Data, data, loggers, time ?? TimeProvider.System);
        }
        catch
        {
            if (stage1Redis is not null)
            {
                await stage1Redis.DisposeAsync();
            }

            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            await stage1Data.DisposeAsync();
            await data.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What this process depends on, as readiness checks: Stage 2's <c>postgres</c> and <c>redis</c>, and Stage 1's
    /// <c>stage1_postgres</c> (its documents) and <c>stage1_redis</c> (its event stream).
    /// </summary>
    public IReadOnlyList<HealthCheck> HealthChecks() =>
    [
        DependencyChecks.Postgres("postgres", DataSource), DependencyChecks.Redis("redis", Redis),
        DependencyChecks.Postgres("stage1_postgres", Stage1DataSource), DependencyChecks.Redis("stage1_redis", Stage1Redis),
    ];

    /// <summary>The event consumer service: Stage 1's event stream in group <c>event_consumer.consumer_group</c>, triggering NLP work.</summary>
    public RedisStreamConsumer CreateEventConsumer(ConsumerOptions? options = null)
    {
        options ??= Settings.EventConsumer;
        var trigger = new NlpTrigger(Input, Store, Publisher, Completion, Settings.Stage2, options.BatchMode, _loggers.CreateLogger<NlpTrigger>(), Time, Metadata);
        return new RedisStreamConsumer(Stage1Redis, options, trigger, _loggers.CreateLogger<RedisStreamConsumer>(), Time);
    }

    /// <summary>The consumer settings of the NLP work queue: group <c>stage2.work_group</c>, starting at the stream's beginning.</summary>
    public ConsumerOptions WorkerConsumerOptions(string consumerName) => new()
    {
        SourceStream = Settings.Stage2.WorkStream,
        ConsumerGroup = Settings.Stage2.WorkGroup,
        ConsumerName = consumerName,
        DeadLetterStream = Settings.Stage2.WorkDeadLetterStream,
        StartId = "0",
        BatchSize = Settings.Stage2.WorkerConcurrency * 4,
        ConcurrentTasks = Settings.Stage2.WorkerConcurrency * 4,
        ConsumeEvents = [NlpWorkItem.Type],
        ProcessBacklog = true,
        BacklogMaxAgeHours = 0,
        ReclaimIdleSeconds = Settings.Stage2.WorkReclaimIdleSeconds,
        PollIntervalMs = 1000,
    };

    /// <summary>An NLP worker consuming the work queue with <paramref name="consumerOptions"/>.</summary>
    public RedisStreamConsumer CreateWorker(ConsumerOptions consumerOptions)
    {
        ArgumentNullException.ThrowIfNull(consumerOptions);
        var worker = new NlpWorker(Input, Store, Backends, Settings.Pipeline.Value, Completion, Settings.Stage2,
            consumerOptions.RetryFailed ? consumerOptions.MaxRetries : 1, _loggers.CreateLogger<NlpWorker>(), Time, Metadata);
        _owned.Add(worker);
        return new RedisStreamConsumer(Redis, consumerOptions, worker, _loggers.CreateLogger<RedisStreamConsumer>(), Time);
    }

    /// <summary>
    /// The storyline builder (ADR 8): its own group on Stage 2's event stream, one document at a time, with its engine
    /// rebuilt from <c>stage2.story_log</c> first. Run exactly one per deployment.
    /// </summary>
    public async Task<RedisStreamConsumer> CreateStorylineBuilderAsync(string consumerName, CancellationToken cancellationToken)
    {
        var builder = await StorylineBuilder.CreateAsync(
            new StorylineStore(DataSource), Settings.Stories, Publisher, Settings.Stage2, _loggers.CreateLogger<StorylineBuilder>(), Time, cancellationToken);
        builder.Metadata = Metadata;
        var options = new ConsumerOptions
        {
            SourceStream = Settings.Stage2.EventStream,
            ConsumerGroup = StorylineBuilder.Group,
            ConsumerName = consumerName,
            DeadLetterStream = Settings.Stage2.EventStream + ":storylines-failed",
            StartId = "0",
            BatchSize = 50,
            ConcurrentTasks = 1,
            ConsumeEvents = [CloudEvents.EventTypes.DocumentProcessed],
            ProcessBacklog = true,
            BacklogMaxAgeHours = 0,
            ReclaimIdleSeconds = Settings.Stage2.WorkReclaimIdleSeconds,
            PollIntervalMs = 1000,
        };
        return new RedisStreamConsumer(Redis, options, builder, _loggers.CreateLogger<RedisStreamConsumer>(), Time);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        Backends.Dispose();
        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }

        await Stage1Redis.DisposeAsync();
        await Redis.DisposeAsync();
        await Stage1DataSource.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
