using System.Buffers.Binary;
using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using Storytelling.Storage.Internal;

namespace Storytelling.Storage;

/// <summary>
/// Applies numbered embedded migrations (<c>NNNN_name.sql</c>) to one schema, in version order, each in its
/// own transaction, recording them in <c>&lt;schema&gt;.schema_migrations</c>. Concurrent migrators of the same
/// schema take turns (a PostgreSQL advisory lock); a migration edited after it was applied is refused.
/// </summary>
public sealed class PostgresMigrator(NpgsqlDataSource dataSource, ILogger<PostgresMigrator> logger)
{
    /// <summary>Applies the migrations not yet applied to <paramref name="schema"/> and returns them.</summary>
    /// <param name="schema">Lower-case schema name (letters, digits, underscores); created if missing.</param>
    /// <param name="assembly">Assembly holding the migrations as embedded resources.</param>
    /// <param name="resourcePrefix">Resource name prefix of the migrations, e.g. <c>Storytelling.Stage1.Migrations</c>.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the running migration.</param>
    public async Task<IReadOnlyList<AppliedMigration>> MigrateAsync(
        string schema, Assembly assembly, string resourcePrefix, CancellationToken cancellationToken)
    {
        var (quotedSchema, scripts) = Scripts(schema, assembly, resourcePrefix);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var lockKey = AdvisoryLockKey(schema);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", lockKey));
        try
        {
            await ExecuteAsync(
                connection,
                $"""
                CREATE SCHEMA IF NOT EXISTS {quotedSchema};
                CREATE TABLE IF NOT EXISTS {quotedSchema}.schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """,
                cancellationToken);

            var applied = await ReadAppliedAsync(connection, quotedSchema, cancellationToken);
            Verify(schema, assembly, scripts, applied);

            var result = new List<AppliedMigration>();
            foreach (var script in scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                await ApplyAsync(connection, schema, quotedSchema, script, cancellationToken);
                result.Add(new AppliedMigration(script.Version, script.Name));
            }

            if (result.Count == 0)
            {
                Log.MigrationsUpToDate(logger, schema, scripts[^1].Version);
            }

            return result;
        }
        finally
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", lockKey));
            }
        }
    }

    /// <summary>
    /// The migrations of <paramref name="assembly"/> not yet applied to <paramref name="schema"/>, in version order,
    /// without changing anything (no schema, table or lock is created): all of them when the schema has none.
    /// </summary>
    public async Task<IReadOnlyList<AppliedMigration>> PendingAsync(
        string schema, Assembly assembly, string resourcePrefix, CancellationToken cancellationToken)
    {
        var (quotedSchema, scripts) = Scripts(schema, assembly, resourcePrefix);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        exists.Parameters.AddWithValue("table", $"{quotedSchema}.schema_migrations");
        var applied = (bool)(await exists.ExecuteScalarAsync(cancellationToken))!
            ? await ReadAppliedAsync(connection, quotedSchema, cancellationToken)
            : [];
        return [.. scripts.Where(s => !applied.ContainsKey(s.Version)).Select(s => new AppliedMigration(s.Version, s.Name))];
    }

    private static (string QuotedSchema, IReadOnlyList<MigrationScript> Scripts) Scripts(string schema, Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourcePrefix);
        return (SchemaName.Quote(schema), EmbeddedMigrations.Load(assembly, resourcePrefix));
    }

    private void Verify(
        string schema, Assembly assembly, IReadOnlyList<MigrationScript> scripts, Dictionary<int, (string Name, string Checksum)> applied)
    {
        var byVersion = scripts.ToDictionary(s => s.Version);
        foreach (var (version, (name, checksum)) in applied.OrderBy(a => a.Key))
        {
            if (!byVersion.TryGetValue(version, out var script))
            {
                Log.MigrationNotInAssembly(logger, schema, version, name, assembly.GetName().Name);
                continue;
            }

            if (!string.Equals(script.Checksum, checksum, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Migration {script.FileName} was changed after it was applied to schema \"{schema}\" " +
                    $"(checksum recorded {checksum}, file now {script.Checksum}). An applied migration must not be " +
                    "edited: restore the file and add a new migration with the change.");
            }
        }
    }

    private async Task ApplyAsync(
        NpgsqlConnection connection, string schema, string quotedSchema, MigrationScript script, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var searchPath = new NpgsqlCommand($"SET LOCAL search_path TO {quotedSchema}, public", connection, transaction))
        {
            await searchPath.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
        {
            // Migrations may build large indexes; the caller's token, not a timeout, bounds them.
            command.CommandTimeout = 0;
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException(
                    $"Migration {script.FileName} failed in schema \"{schema}\" and was rolled back: " +
                    $"{e.SqlState}: {e.MessageText}", e);
            }
        }

        await using (var record = new NpgsqlCommand(
            $"INSERT INTO {quotedSchema}.schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
            connection,
            transaction))
        {
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            record.Parameters.AddWithValue("checksum", script.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Log.MigrationApplied(logger, script.FileName, schema, stopwatch.ElapsedMilliseconds);
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(
        NpgsqlConnection connection, string quotedSchema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT version, name, checksum FROM {quotedSchema}.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, (string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        // Waiting for another migrator's lock is bounded by the caller's token, not by a command timeout.
        command.CommandTimeout = 0;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A stable 64-bit advisory lock key per schema, so different schemas migrate independently.</summary>
    private static long AdvisoryLockKey(string schema)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("storytelling.schema_migrations:" + schema));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}
