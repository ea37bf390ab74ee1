using Storytelling.Configuration;

namespace Storytelling.Metadata.Tests;

public sealed class MetadataRegistryOptionsTests
{
    private static MetadataRegistryOptions Bind(Dictionary<string, string> environment) =>
        Settings.Load(new SettingsLoadOptions { Environment = environment, MachineName = "box" })
            .Bind<MetadataRegistryOptions>(MetadataRegistryOptions.SectionName);

    [Fact]
    public void The_defaults_are_the_seeds()
    {
        var options = Bind([]);

        Assert.False(options.Enabled);
        Assert.Equal((MetadataBackend.Postgresql, true, false, 100), (options.PrimaryBackend, options.EnableRedisCache, options.WriteOnly, options.PercentageRollout));
        Assert.Equal(("pipeline_metadata", "metadata_service", 15, 86400), (options.PostgresDatabase, options.PostgresUser, options.RedisDb, options.CacheTtlSeconds));
        Assert.Equal(8003, options.ApiPort);
    }

    [Fact]
    public void The_seeds_environment_names_set_the_registry()
    {
        var options = Bind(new()
        {
            ["METADATA_REGISTRY_ENABLED"] = "true",
            ["METADATA_PRIMARY_BACKEND"] = "redis",
            ["METADATA_ENABLE_REDIS_CACHE"] = "false",
            ["METADATA_WRITE_ONLY"] = "true",
            ["METADATA_PERCENTAGE_ROLLOUT"] = "25",
            ["POSTGRES_HOST"] = "db.internal",
            ["POSTGRES_PORT"] = "6543",
            ["POSTGRES_DB"] = "registry_db",
            ["POSTGRES_USER"] = "registry_role",
            ["METADATA_SERVICE_PASSWORD"] = "secret",
            ["REDIS_DB"] = "7",
            ["REDIS_TTL"] = "60",
        });

        Assert.True(options.Enabled);
        Assert.Equal((MetadataBackend.Redis, false, true, 25), (options.PrimaryBackend, options.EnableRedisCache, options.WriteOnly, options.PercentageRollout));
        var postgres = options.ToPostgresOptions();
        Assert.Equal(("db.internal", 6543, "registry_db", "registry_role", "secret"), (postgres.Host, postgres.Port, postgres.Database, postgres.Username, postgres.Password));
        Assert.Equal((7, 60), (options.RedisDb, options.CacheTtlSeconds));
    }

    [Fact]
    public void A_rollout_outside_0_to_100_is_refused_naming_the_key()
    {
        var error = Assert.Throws<SettingsException>(() => Bind(new() { ["METADATA_PERCENTAGE_ROLLOUT"] = "101" }));

        Assert.Contains("metadata_registry.percentage_rollout", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 to 100", error.Message, StringComparison.Ordinal);
    }
}
