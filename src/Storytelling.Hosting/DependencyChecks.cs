using Npgsql;
using Storytelling.Redis;

namespace Storytelling.Hosting;

/// <summary>The readiness checks of the servers a service talks to.</summary>
public static class DependencyChecks
{
    /// <summary>PostgreSQL answers <c>SELECT 1</c> on a connection of <paramref name="dataSource"/> (its database exists and takes the role).</summary>
    public static HealthCheck Postgres(string name, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return HealthCheck.Answers(name, async cancellationToken =>
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
        });
    }

    /// <summary>Redis answers <c>PING</c>.</summary>
    public static HealthCheck Redis(string name, RedisClient redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        return HealthCheck.Answers(name, async cancellationToken => await redis.PingAsync(cancellationToken));
    }
}
