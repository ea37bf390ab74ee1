using Npgsql;
using Storytelling.Redis;
using Storytelling.Testing;

namespace Storytelling.Metadata.Tests;

/// <summary>Registry settings for a test: its own database, Redis key prefix and outbox folder (also compiled into the stages' test projects).</summary>
internal static class RegistryTestOptions
{
    public static RedisOptions Redis => new() { Host = TestServers.RedisHost, Port = TestServers.RedisPort };

    /// <summary>
    /// The registry for the stages' test harnesses: on (on the test run's servers) when the environment says
    /// <c>METADATA_REGISTRY_ENABLED=true</c>, off otherwise, so each stage's suite runs both ways unchanged.
    /// </summary>
    public static MetadataRegistryOptions FromEnvironment() =>
        string.Equals(Environment.GetEnvironmentVariable("METADATA_REGISTRY_ENABLED"), "true", StringComparison.OrdinalIgnoreCase)
            ? SharedServer()
            : new MetadataRegistryOptions();

    /// <summary>On the test run's PostgreSQL server (the registry creates the database).</summary>
    public static MetadataRegistryOptions SharedServer(MetadataBackend backend = MetadataBackend.Postgresql)
    {
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        return On(server.Host!, server.Port, server.Username!, server.Password ?? "", backend);
    }

    /// <summary>On a server of the test's own.</summary>
    public static MetadataRegistryOptions Throwaway(ThrowawayPostgres server, string? outboxDir = null) =>
        On(ThrowawayPostgres.Host, server.Port, ThrowawayPostgres.Superuser, "", MetadataBackend.Postgresql, outboxDir);

    /// <summary>Removes the outbox folder a test's registry used (with whatever a stopped registry left in it), when it has one.</summary>
    public static void DeleteOutbox(MetadataRegistryOptions options)
    {
        if (options.Enabled && Directory.Exists(options.OutboxDir))
        {
            Directory.Delete(options.OutboxDir, recursive: true);
        }
    }

    private static MetadataRegistryOptions On(string host, int port, string user, string password, MetadataBackend backend, string? outboxDir = null) => new()
    {
        Enabled = true,
        PrimaryBackend = backend,
        PostgresHost = host,
        PostgresPort = port,
        PostgresUser = user,
        PostgresPassword = password,
        PostgresDatabase = UniqueNames.Identifier("registry"),
        RedisKeyPrefix = UniqueNames.RedisKeyPrefix(),
        OutboxDir = outboxDir ?? Directory.CreateTempSubdirectory("registry-outbox-").FullName,
        RetryMaxSeconds = 1,
    };
}
