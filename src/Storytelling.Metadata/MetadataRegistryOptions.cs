using System.ComponentModel.DataAnnotations;
using Storytelling.Redis;
using Storytelling.Storage;

namespace Storytelling.Metadata;

/// <summary>
/// The metadata registry's settings (section <c>metadata_registry</c>), with the seed's environment names:
/// <c>METADATA_REGISTRY_ENABLED</c>, <c>METADATA_PRIMARY_BACKEND</c>, <c>METADATA_ENABLE_REDIS_CACHE</c>,
/// <c>METADATA_WRITE_ONLY</c>, <c>METADATA_PERCENTAGE_ROLLOUT</c>, <c>POSTGRES_HOST/PORT/DB/USER</c>,
/// <c>METADATA_SERVICE_PASSWORD</c>, <c>REDIS_DB</c>, <c>REDIS_TTL</c> (docs/registry.md).
/// </summary>
public sealed class MetadataRegistryOptions
{
    public const string SectionName = "metadata_registry";

    /// <summary>Off: the stages record nothing and start no outbox (the default).</summary>
    public bool Enabled { get; set; }

    public MetadataBackend PrimaryBackend { get; set; } = MetadataBackend.Postgresql;

    /// <summary>Job reads go through a Redis cache (<see cref="RedisDb"/>, <see cref="CacheTtlSeconds"/>); PostgreSQL primary only.</summary>
    public bool EnableRedisCache { get; set; } = true;

    /// <summary>Dry run: what would be written is counted and logged per entity type; nothing is written.</summary>
    public bool WriteOnly { get; set; }

    /// <summary>The share of jobs recorded, decided per job id with a stable hash, so a job is all in or all out.</summary>
    [Range(0, 100)]
    public int PercentageRollout { get; set; } = 100;

    [Required(AllowEmptyStrings = false)]
    public string PostgresHost { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int PostgresPort { get; set; } = 5432;

    [Required(AllowEmptyStrings = false)]
    public string PostgresDatabase { get; set; } = "pipeline_metadata";

    [Required(AllowEmptyStrings = false)]
    public string PostgresUser { get; set; } = "metadata_service";

    public string PostgresPassword { get; set; } = "";

    /// <summary>The Redis database of the cache (and of the rows when <see cref="PrimaryBackend"/> is redis).</summary>
    [Range(0, 15)]
    public int RedisDb { get; set; } = 15;

    [Range(1, 31_536_000)]
    public int CacheTtlSeconds { get; set; } = 86400;

    /// <summary>The prefix of the registry's Redis keys (cache entries, and rows with the Redis primary).</summary>
    [Required(AllowEmptyStrings = false)]
    public string RedisKeyPrefix { get; set; } = "metadata:";

    /// <summary>Most records delivered to the primary in one transaction (whole outbox rows, so one row may run over).</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 5000;

    /// <summary>
    /// How long the writes must pause before the deliverer delivers (unless a whole batch is waiting or
    /// <see cref="DeliveryMaxDelayMs"/> has passed), so a stage writing one document and its events at a time is
    /// delivered in a few large transactions once its work pauses, not one each while it runs.
    /// </summary>
    [Range(0, 10_000)]
    public int DeliveryLingerMs { get; set; } = 200;

    /// <summary>Longest the deliverer waits for the writes to pause before it delivers anyway (from the first waiting write).</summary>
    [Range(0, 600_000)]
    public int DeliveryMaxDelayMs { get; set; } = 5000;

    /// <summary>The folder of the local outboxes (one SQLite file per process).</summary>
    [Required(AllowEmptyStrings = false)]
    public string OutboxDir { get; set; } = "/var/lib/storytelling/outbox";

    /// <summary>Longest wait between delivery attempts while the primary is down (the wait doubles from 100 ms up to this).</summary>
    [Range(1, 3600)]
    public int RetryMaxSeconds { get; set; } = 5;

    /// <summary>The port of <c>serve --role registry-api</c>.</summary>
    [Range(1, 65535)]
    public int ApiPort { get; set; } = 8003;

    /// <summary>The registry's PostgreSQL: the <c>postgres</c> section's pool settings with this section's server, database, role and password.</summary>
    public PostgresOptions ToPostgresOptions(PostgresOptions? shared = null) => new()
    {
        Host = PostgresHost,
        Port = PostgresPort,
        Database = PostgresDatabase,
        Username = PostgresUser,
        Password = PostgresPassword,
        MaxPoolSize = shared?.MaxPoolSize ?? 20,
        CommandTimeoutSeconds = shared?.CommandTimeoutSeconds ?? 30,
    };

    /// <summary>The registry's Redis: the <c>redis</c> section's server on database <see cref="RedisDb"/>.</summary>
    public RedisOptions ToRedisOptions(RedisOptions shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        return new RedisOptions
        {
            Host = shared.Host,
            Port = shared.Port,
            Username = shared.Username,
            Password = shared.Password,
            Db = RedisDb,
            ConnectTimeoutMs = shared.ConnectTimeoutMs,
            CommandTimeoutMs = shared.CommandTimeoutMs,
            ClientName = shared.ClientName,
        };
    }
}
