using Npgsql;
using Storytelling.Testing;

namespace Storytelling.Storage.Tests;

/// <summary>A service's database is created on first start, also when several processes of a deployment start at once.</summary>
public sealed class PostgresDatabasesTests
{
    [Fact]
    public async Task Services_starting_together_all_find_their_database_created_once()
    {
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        var options = new PostgresOptions
        {
            Host = server.Host!,
            Port = server.Port,
            Username = server.Username!,
            Password = server.Password,
            Database = UniqueNames.Identifier("created"),
        };
        try
        {
            // Eight at once, as the roles of the local stack start: before the fix one of them failed with
            // 23505 (a unique violation on pg_database's name index) when two CREATE DATABASE statements collided.
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PostgresDatabases.EnsureExistsAsync(options, CancellationToken.None))));

            await using var connection = new NpgsqlConnection(options.BuildConnectionString());
            await connection.OpenAsync();
            Assert.Equal(options.Database, connection.Database);
        }
        finally
        {
            await PostgresDatabases.DropIfExistsAsync(options, CancellationToken.None);
        }
    }
}
