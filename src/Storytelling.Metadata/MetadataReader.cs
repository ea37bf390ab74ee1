using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Storytelling.Metadata.Internal;
using Storytelling.Redis;

namespace Storytelling.Metadata;

/// <summary>
/// The registry's read side for downstream stages: jobs (by id through the Redis cache, or listed by stage, status and
/// time), a job's documents, events by document, type, date range or storyline, the lineage of a document or a
/// storyline, and a job's run history as OpenLineage run events. A job read after a status change was delivered shows
/// the new status: the deliverer overwrites the cache entry before it deletes the outbox entry.
/// </summary>
public sealed class MetadataReader : IAsyncDisposable
{
    public const int MaxLimit = 1000;

    private readonly MetadataBackends _backends;
    private readonly ILogger _logger;
    private readonly bool _owned;
    private readonly bool _createDatabase;
    private readonly SemaphoreSlim _prepare = new(1, 1);
    private volatile bool _prepared;

    internal MetadataReader(MetadataBackends backends, bool owned, bool createDatabase = true)
    {
        _backends = backends;
        _logger = backends.Loggers.CreateLogger<MetadataReader>();
        _owned = owned;
        _createDatabase = createDatabase;
    }

    /// <summary>Job reads answered by the cache (counted also as <c>metadata_registry_cache_requests_total{result="hit"}</c>).</summary>
    public long CacheHits => _backends.Cache?.Hits ?? 0;

    /// <summary>Job reads the cache did not hold (<c>result="miss"</c>).</summary>
    public long CacheMisses => _backends.Cache?.Misses ?? 0;

    /// <summary>Cache reads and fills that failed (Redis down: <c>result="error"</c>); the read was answered by the primary.</summary>
    public long CacheErrors => _backends.Cache?.Errors ?? 0;

    /// <summary>Where the primary is, for messages: <c>PostgreSQL host:port database D (user U)</c> or <c>Redis host:port db N</c>.</summary>
    public string PrimaryDescription => _backends.Options.PrimaryBackend == MetadataBackend.Postgresql
        ? $"PostgreSQL {_backends.Postgres.Host}:{_backends.Postgres.Port} database {_backends.Postgres.Database} (user {_backends.Postgres.Username})"
        : CacheDescription ?? "Redis";

    /// <summary>Where the Redis cache (or Redis primary) is, or null without one: <c>Redis host:port db N</c>.</summary>
    public string? CacheDescription => _backends.Redis is { } redis ? $"Redis {redis.Options.Host}:{redis.Options.Port} db {redis.Options.Db}" : null;

    /// <summary>
    /// A reader of its own (the read API, the CLI): the primary and cache of <paramref name="options"/>. With
    /// <paramref name="createDatabase"/> false (a look from the command line) a PostgreSQL primary's database that does
    /// not exist is not created: reads throw <see cref="MetadataRegistryNotFoundException"/> naming it.
    /// </summary>
    public static MetadataReader Open(MetadataRegistryOptions options, RedisOptions redis, ILoggerFactory loggers, bool createDatabase = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redis);
        return new MetadataReader(new MetadataBackends(options, options.ToPostgresOptions(), options.ToRedisOptions(redis), loggers), owned: true, createDatabase);
    }

    /// <summary>
    /// One stage's row of a job, or null; cached (hits and misses are counted). When the cache does not answer (Redis
    /// down) the primary does: the failure is counted (<see cref="CacheErrors"/>) and logged, never the read's failure.
    /// </summary>
    public async Task<JobMetadata?> GetJobAsync(string jobId, string stage, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentException.ThrowIfNullOrEmpty(stage);
        await PrepareAsync(cancellationToken);
        var cache = _backends.Cache;
        if (cache is not null)
        {
            try
            {
                if (await cache.GetJobAsync(jobId, stage, cancellationToken) is { } cached)
                {
                    return cached;
                }
            }
            catch (RedisException e) when (!cancellationToken.IsCancellationRequested)
            {
                cache.CountError();
                Log.CacheUnavailable(_logger, e, jobId, stage, CacheDescription!);
                cache = null;
            }
        }

        var job = await _backends.Store.GetJobAsync(jobId, stage, cancellationToken);
        if (job is not null && cache is not null)
        {
            try
            {
                await cache.FillAsync(job, cancellationToken);
            }
            catch (RedisException e) when (!cancellationToken.IsCancellationRequested)
            {
                cache.CountError();
                Log.CacheUnavailable(_logger, e, jobId, stage, CacheDescription!);
            }
        }

        return job;
    }

    /// <summary>Every stage's row of a job (none when the registry does not know it).</summary>
    public async Task<IReadOnlyList<JobMetadata>> GetJobStagesAsync(string jobId, CancellationToken cancellationToken)
    {
        var rows = new List<JobMetadata>();
        foreach (var stage in RegistryStages.All)
        {
            if (await GetJobAsync(jobId, stage, cancellationToken) is { } job)
            {
                rows.Add(job);
            }
        }

        return rows;
    }

    public async Task<IReadOnlyList<JobMetadata>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckLimit(query.Limit);
        await PrepareAsync(cancellationToken);
        return await _backends.Store.ListJobsAsync(query, cancellationToken);
    }

    public async Task<IReadOnlyList<DocumentMetadata>> DocumentsOfJobAsync(string jobId, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        CheckLimit(limit);
        await PrepareAsync(cancellationToken);
        return await _backends.Store.DocumentsOfJobAsync(jobId, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<EventMetadata>> ListEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckLimit(query.Limit);
        await PrepareAsync(cancellationToken);
        return await _backends.Store.ListEventsAsync(query, cancellationToken);
    }

    /// <summary>A document's jobs (each stage), its rows, its events and their storylines.</summary>
    public async Task<Lineage> LineageOfDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        await PrepareAsync(cancellationToken);
        return await _backends.Store.LineageAsync(documentId, null, cancellationToken);
    }

    /// <summary>A storyline's events, the documents they come from and those documents' jobs.</summary>
    public async Task<Lineage> LineageOfStorylineAsync(string storylineId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(storylineId);
        await PrepareAsync(cancellationToken);
        return await _backends.Store.LineageAsync(null, storylineId, cancellationToken);
    }

    /// <summary>A job's run history: START, then COMPLETE or FAIL, per stage.</summary>
    public async Task<IReadOnlyList<RunRecord>> RunsAsync(string jobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await PrepareAsync(cancellationToken);
        return await _backends.Store.RunsAsync(jobId, cancellationToken);
    }

    /// <summary>A job's run history as OpenLineage 2-0-2 run events (<see cref="OpenLineageEvents"/>).</summary>
    public async Task<IReadOnlyList<JsonObject>> RunEventsAsync(string jobId, CancellationToken cancellationToken) =>
        [.. (await RunsAsync(jobId, cancellationToken)).Select(OpenLineageEvents.RunEvent)];

    public async ValueTask DisposeAsync()
    {
        _prepare.Dispose();
        if (_owned)
        {
            await _backends.DisposeAsync();
        }
    }

    private static void CheckLimit(int limit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit must be 1-{MaxLimit}");
        }
    }

    /// <summary>The primary answers (PostgreSQL: its database exists, migrated, and takes a query; Redis: PING).</summary>
    internal async Task CheckPrimaryAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        if (_backends.DataSource is { } dataSource)
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
        }
        else
        {
            await _backends.Redis!.PingAsync(cancellationToken);
        }
    }

    /// <summary>Job reads go through a Redis cache.</summary>
    internal bool HasCache => _backends.Cache is not null;

    /// <summary>The cache answers PING.</summary>
    internal async Task CheckCacheAsync(CancellationToken cancellationToken) => await _backends.Redis!.PingAsync(cancellationToken);

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_prepared)
        {
            return;
        }

        await _prepare.WaitAsync(cancellationToken);
        try
        {
            if (!_prepared)
            {
                await _backends.PrepareAsync(_createDatabase, cancellationToken);
                _prepared = true;
            }
        }
        finally
        {
            _prepare.Release();
        }
    }
}
