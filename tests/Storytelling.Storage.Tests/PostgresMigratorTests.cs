using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Storytelling.Testing;

namespace Storytelling.Storage.Tests;

public sealed class PostgresMigratorTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private const string Ordered = "Storytelling.Storage.Tests.Migrations.Ordered";
    private const string Changed = "Storytelling.Storage.Tests.Migrations.Changed";
    private const string Failing = "Storytelling.Storage.Tests.Migrations.Failing";
    private const string Racing = "Storytelling.Storage.Tests.Migrations.Racing";
    private static readonly Assembly TestAssembly = typeof(PostgresMigratorTests).Assembly;

    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
    private readonly string schema = UniqueNames.Identifier("migrations");

    [Fact]
    public async Task Migrations_apply_in_version_order_and_record_themselves()
    {
        var applied = await NewMigrator().MigrateAsync(schema, TestAssembly, Ordered, timeout.Token);

        Assert.Equal(
            [new AppliedMigration(1, "create_authors"), new AppliedMigration(2, "create_books"), new AppliedMigration(10, "index_books_by_author")],
            applied);
        var records = await ReadRecordsAsync(schema);
        Assert.Equal([1, 2, 10], records.Select(r => r.Version));
        Assert.Equal(["create_authors", "create_books", "index_books_by_author"], records.Select(r => r.Name));
        Assert.All(records, r => Assert.Matches("^[0-9a-f]{64}$", r.Checksum));
        Assert.Equal(records.Select(r => r.AppliedAt).Order(), records.Select(r => r.AppliedAt));

        // The tables landed in the schema (search_path), not in public, and work together.
        Assert.True(await ExistsAsync($"{schema}.books"));
        Assert.False(await ExistsAsync("public.books"));
        Assert.Equal(1, await ScalarAsync<int>(
            $"WITH a AS (INSERT INTO {schema}.authors (name) VALUES ('Le Guin') RETURNING id) " +
            $"INSERT INTO {schema}.books (author_id, title) SELECT id, 'The Dispossessed' FROM a RETURNING 1"));
    }

    [Fact]
    public async Task Pending_lists_what_migrate_would_apply_and_changes_nothing()
    {
        var before = await NewMigrator().PendingAsync(schema, TestAssembly, Ordered, timeout.Token);

        Assert.Equal([1, 2, 10], before.Select(m => m.Version));
        Assert.Equal(0, await ScalarAsync<long>($"SELECT count(*) FROM information_schema.schemata WHERE schema_name = '{schema}'"));
        await NewMigrator().MigrateAsync(schema, TestAssembly, Ordered, timeout.Token);
        Assert.Empty(await NewMigrator().PendingAsync(schema, TestAssembly, Ordered, timeout.Token));
        Assert.Equal(1, await ScalarAsync<int>($"WITH d AS (DELETE FROM {schema}.schema_migrations WHERE version = 10 RETURNING 1) SELECT count(*)::int FROM d"));
        Assert.Equal([new AppliedMigration(10, "index_books_by_author")], await NewMigrator().PendingAsync(schema, TestAssembly, Ordered, timeout.Token));
    }

    [Fact]
    public async Task Running_again_applies_nothing_and_keeps_the_records()
    {
        await NewMigrator().MigrateAsync(schema, TestAssembly, Ordered, timeout.Token);
        var before = await ReadRecordsAsync(schema);

        var applied = await NewMigrator().MigrateAsync(schema, TestAssembly, Ordered, timeout.Token);

        Assert.Empty(applied);
        Assert.Equal(before, await ReadRecordsAsync(schema));
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_is_refused_naming_the_file()
    {
        await NewMigrator().MigrateAsync(schema, TestAssembly, Ordered, timeout.Token);
        var before = await ReadRecordsAsync(schema);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => NewMigrator().MigrateAsync(schema, TestAssembly, Changed, timeout.Token));

        Assert.Contains("0001_create_authors.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was applied", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await ReadRecordsAsync(schema));
        Assert.Equal(0, await ScalarAsync<long>(
            $"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{schema}' AND column_name = 'born'"));
    }

    [Fact]
    public async Task Two_migrators_racing_on_one_schema_apply_each_migration_once()
    {
        var first = NewMigrator();
        var second = NewMigrator();

        var results = await Task.WhenAll(
            Task.Run(() => first.MigrateAsync(schema, TestAssembly, Racing, timeout.Token)),
            Task.Run(() => second.MigrateAsync(schema, TestAssembly, Racing, timeout.Token)));

        Assert.Equal(2, results.Sum(r => r.Count));
        Assert.Contains(results, r => r.Count == 0);
        Assert.Equal([1, 2], (await ReadRecordsAsync(schema)).Select(r => r.Version));
        Assert.Equal(1, await ScalarAsync<long>($"SELECT count(*) FROM {schema}.runs"));
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_and_leaves_no_partial_state()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => NewMigrator().MigrateAsync(schema, TestAssembly, Failing, timeout.Token));

        Assert.Contains("0002_add_reviews_then_fail.sql", error.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal([1], (await ReadRecordsAsync(schema)).Select(r => r.Version));
        Assert.True(await ExistsAsync($"{schema}.authors"));
        Assert.False(await ExistsAsync($"{schema}.reviews"));
        Assert.Equal(0, await ScalarAsync<long>(
            $"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{schema}' AND column_name = 'rating'"));

        // Still pending: the next run tries it again rather than believing it applied.
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => NewMigrator().MigrateAsync(schema, TestAssembly, Failing, timeout.Token));
        Assert.Equal([1], (await ReadRecordsAsync(schema)).Select(r => r.Version));
    }

    [Fact]
    public async Task Two_schemas_are_migrated_independently()
    {
        var other = UniqueNames.Identifier("migrations");

        await NewMigrator().MigrateAsync(schema, TestAssembly, Ordered, timeout.Token);
        Assert.False(await ExistsAsync($"{other}.schema_migrations"));
        var appliedToOther = await NewMigrator().MigrateAsync(other, TestAssembly, Ordered, timeout.Token);
        await ScalarAsync<int>($"INSERT INTO {schema}.authors (name) VALUES ('Morrison') RETURNING 1");

        Assert.Equal([1, 2, 10], appliedToOther.Select(m => m.Version));
        Assert.Equal([1, 2, 10], (await ReadRecordsAsync(other)).Select(r => r.Version));
        Assert.Equal(1, await ScalarAsync<long>($"SELECT count(*) FROM {schema}.authors"));
        Assert.Equal(0, await ScalarAsync<long>($"SELECT count(*) FROM {other}.authors"));
    }

    [Fact]
    public async Task A_prefix_without_migrations_is_reported_with_the_prefix()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => NewMigrator().MigrateAsync(schema, TestAssembly, "Storytelling.Storage.Tests.NoSuchFolder", timeout.Token));

        Assert.Contains("Storytelling.Storage.Tests.NoSuchFolder.", error.Message, StringComparison.Ordinal);
        Assert.False(await ExistsAsync($"{schema}.schema_migrations"));
    }

    [Fact]
    public async Task A_schema_name_that_would_need_quoting_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => NewMigrator().MigrateAsync("Stories; DROP", TestAssembly, Ordered, timeout.Token));
    }

    public void Dispose() => timeout.Dispose();

    private PostgresMigrator NewMigrator() => new(database.DataSource, NullLogger<PostgresMigrator>.Instance);

    private async Task<List<MigrationRecord>> ReadRecordsAsync(string schemaName)
    {
        await using var command = database.DataSource.CreateCommand(
            $"SELECT version, name, checksum, applied_at FROM {schemaName}.schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync(timeout.Token);
        var records = new List<MigrationRecord>();
        while (await reader.ReadAsync(timeout.Token))
        {
            records.Add(new MigrationRecord(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3)));
        }

        return records;
    }

    private async Task<bool> ExistsAsync(string qualifiedName)
    {
        await using var command = database.DataSource.CreateCommand("SELECT to_regclass(@name) IS NOT NULL");
        command.Parameters.AddWithValue("name", qualifiedName);
        return (bool)(await command.ExecuteScalarAsync(timeout.Token))!;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(timeout.Token))!;
    }

    private sealed record MigrationRecord(int Version, string Name, string Checksum, DateTime AppliedAt);
}
