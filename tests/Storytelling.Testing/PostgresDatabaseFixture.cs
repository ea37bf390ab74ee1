using Npgsql;
using Xunit;

namespace Storytelling.Testing;

/// <summary>
/// A database of its own for one test class (<c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>) on the test
/// run's PostgreSQL server; dropped, with any open connections, when the class is done.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private NpgsqlDataSource? dataSource;

    public string DatabaseName { get; } = UniqueNames.Identifier();

    /// <summary>Connection string of the test database.</summary>
    public string ConnectionString =>
        new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = DatabaseName }.ConnectionString;

    public NpgsqlDataSource DataSource =>
        dataSource ?? throw new InvalidOperationException("The fixture is not initialized yet.");

    public async Task InitializeAsync()
    {
        await using (var admin = NpgsqlDataSource.Create(AdminConnectionString()))
        await using (var create = admin.CreateCommand($"CREATE DATABASE \"{DatabaseName}\""))
        {
            await create.ExecuteNonQueryAsync();
        }

        dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }

        await using var admin = NpgsqlDataSource.Create(AdminConnectionString());
        await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }

    // No pooling: a pooled idle connection would outlive the fixture for nothing.
    private static string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Pooling = false }.ConnectionString;
}
