using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.Stage1.Storage;
using Storytelling.Storage;
using Storytelling.Testing;

namespace Storytelling.Stage1.Tests.Storage;

public sealed class Stage1StoreMigrationTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Migration_creates_the_stage1_tables_once_and_a_second_run_applies_nothing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var migrator = new PostgresMigrator(database.DataSource, NullLogger<PostgresMigrator>.Instance);

        var first = await Stage1Store.MigrateAsync(migrator, timeout.Token);
        var second = await Stage1Store.MigrateAsync(migrator, timeout.Token);

        Assert.Equal([1], first.Select(m => m.Version));
        Assert.Empty(second);
        await using var command = database.DataSource.CreateCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'stage1' ORDER BY table_name");
        await using var reader = await command.ExecuteReaderAsync(timeout.Token);
        var tables = new List<string>();
        while (await reader.ReadAsync(timeout.Token))
        {
            tables.Add(reader.GetString(0));
        }

        Assert.Equal(["documents", "jobs", "minhash_band_locks", "minhash_bands", "rejections", "schema_migrations"], tables);
    }
}
