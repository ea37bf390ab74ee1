using Microsoft.Extensions.Logging;
using Npgsql;
using Storytelling.Redis;
using Storytelling.Storage;

namespace Storytelling.Metadata.Internal;

/// <summary>
/// The connections of a registry process: the primary (PostgreSQL data source or Redis client, neither connecting
/// yet, so a primary that is down does not stop the start) and the cache. <see cref="PrepareAsync"/> creates and
/// migrates the PostgreSQL database before the first delivery.
/// </summary>
internal sealed class MetadataBackends : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource;
    private readonly RedisClient? _redis;
    private readonly MetadataRegistryOptions _options;
    private readonly PostgresOptions _postgres;
    private readonly ILoggerFactory _loggers;

    public MetadataBackends(MetadataRegistryOptions options, PostgresOptions postgres, RedisOptions redis, ILoggerFactory loggers)
    {
        _options = options;
        _postgres = postgres;
        _loggers = loggers;
        var needsRedis = options.PrimaryBackend == MetadataBackend.Redis || options.EnableRedisCache;
        _redis = needsRedis ? new RedisClient(redis, loggers) : null;
        if (options.PrimaryBackend == MetadataBackend.Postgresql)
        {
            _dataSource = NpgsqlDataSource.Create(postgres.BuildConnectionString());
            Store = new PostgresMetadataStore(_dataSource);
            Cache = options.EnableRedisCache ? new MetadataCache(_redis!, options.RedisKeyPrefix, TimeSpan.FromSeconds(options.CacheTtlSeconds)) : null;
        }
        else
        {
            Store = new RedisMetadataStore(_redis!, options.RedisKeyPrefix);
        }
    }

    public IMetadataStore Store { get; }

    public MetadataCache? Cache { get; }

    /// <summary>The PostgreSQL primary's data source, or null with the Redis primary.</summary>
    public NpgsqlDataSource? DataSource => _dataSource;

    /// <summary>The Redis client of the cache or the Redis primary, or null when neither is used.</summary>
    public RedisClient? Redis => _redis;

    public MetadataRegistryOptions Options => _options;

    public PostgresOptions Postgres => _postgres;

    public ILoggerFactory Loggers => _loggers;

    public Task PrepareAsync(CancellationToken cancellationToken) => PrepareAsync(createDatabase: true, cancellationToken);

    /// <summary>
    /// Creates (when <paramref name="createDatabase"/>) and migrates the PostgreSQL primary's database. Without it (a
    /// look from the command line) nothing is changed: a missing database, a database without the registry's schema,
    /// or a schema older than this build are a <see cref="MetadataRegistryNotFoundException"/> saying which; the
    /// registry's own processes (the stages, <c>serve --role registry-api</c>) create and migrate it.
    /// </summary>
    public async Task PrepareAsync(bool createDatabase, CancellationToken cancellationToken)
    {
        if (_dataSource is null)
        {
            return;
        }

        var migrator = new PostgresMigrator(_dataSource, _loggers.CreateLogger<PostgresMigrator>());
        if (createDatabase)
        {
            await PostgresDatabases.EnsureExistsAsync(_postgres, cancellationToken);
            await PostgresMetadataStore.MigrateAsync(migrator, cancellationToken);
            return;
        }

        const string NothingThere = "nothing has been recorded there yet, or metadata_registry.postgres_database (POSTGRES_DB) names another database";
        if (!await PostgresDatabases.ExistsAsync(_postgres, cancellationToken))
        {
            throw new MetadataRegistryNotFoundException(
                $"the metadata registry's database '{_postgres.Database}' does not exist on PostgreSQL {_postgres.Host}:{_postgres.Port}: {NothingThere}");
        }

        var where = $"database '{_postgres.Database}' on PostgreSQL {_postgres.Host}:{_postgres.Port}";
        var pending = await PostgresMetadataStore.PendingAsync(migrator, cancellationToken);
        if (pending.Count > 0 && pending[0].Version == 1)
        {
            throw new MetadataRegistryNotFoundException($"the {where} holds no metadata registry (no schema '{PostgresMetadataStore.Schema}'): {NothingThere}");
        }

        if (pending.Count > 0)
        {
            throw new MetadataRegistryNotFoundException(
                $"the metadata registry in {where} is older than this storytelling (migrations not applied: " +
                $"{string.Join(", ", pending.Select(m => $"{m.Version:0000}_{m.Name}"))}); reads from the command line do not change it: " +
                "a registry process of this version (a stage, or serve --role registry-api) migrates it when it starts");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
