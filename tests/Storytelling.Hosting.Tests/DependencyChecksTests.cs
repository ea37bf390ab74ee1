using Npgsql;
using Storytelling.Redis;
using Storytelling.Testing;

namespace Storytelling.Hosting.Tests;

/// <summary>The server checks against the test run's real Redis and PostgreSQL, and against a closed port.</summary>
public sealed class DependencyChecksTests
{
    [Fact]
    public async Task Postgres_and_redis_that_answer_are_healthy()
    {
        await using var data = NpgsqlDataSource.Create(TestServers.Postgres);
        await using var redis = await RedisClient.ConnectAsync(new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort });
        var checks = new HealthChecks([DependencyChecks.Postgres("postgres", data), DependencyChecks.Redis("redis", redis)]);

        var report = await checks.RunAsync(CancellationToken.None);

        Assert.True(report.IsHealthy, string.Join("; ", report.Checks.Select(c => $"{c.Key}: {c.Value.Error}")));
    }

    [Fact]
    public async Task Postgres_on_a_closed_port_is_unhealthy_saying_it_could_not_connect()
    {
        var port = FreePorts.Next();
        var connection = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Port = port, Timeout = 2 }.ConnectionString;
        await using var data = NpgsqlDataSource.Create(connection);
        var checks = new HealthChecks([DependencyChecks.Postgres("postgres", data)]);

        var report = await checks.RunAsync(CancellationToken.None);

        Assert.False(report.IsHealthy);
        Assert.Contains($"Failed to connect to 127.0.0.1:{port}", report.Checks["postgres"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_unhealthy_naming_it()
    {
        var missing = UniqueNames.Identifier();
        await using var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = missing }.ConnectionString);
        var checks = new HealthChecks([DependencyChecks.Postgres("postgres", data)]);

        var report = await checks.RunAsync(CancellationToken.None);

        Assert.Contains($"database \"{missing}\" does not exist", report.Checks["postgres"].Error, StringComparison.Ordinal);
    }
}
