using Npgsql;

namespace Storytelling.Storage;

/// <summary>Creates a service's database on first start, so a newcomer's server needs no manual step.</summary>
public static class PostgresDatabases
{
    /// <summary>
    /// Connects to <see cref="PostgresOptions.Database"/>; if it does not exist, creates it through the server's
    /// <c>postgres</c> database with the same credentials. A role without CREATEDB gets an error that names the
    /// database and the statement an administrator should run.
    /// </summary>
    public static async Task EnsureExistsAsync(PostgresOptions options, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(options, cancellationToken))
        {
            return;
        }

        var name = options.Database.Replace("\"", "\"\"", StringComparison.Ordinal);
        var maintenance = new NpgsqlConnectionStringBuilder(options.BuildConnectionString()) { Database = "postgres", Pooling = false };
        try
        {
            await using var admin = new NpgsqlConnection(maintenance.ConnectionString);
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase
            || e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another process created it meanwhile: PostgreSQL says so with duplicate_database, or, when both CREATE
            // DATABASE statements ran at the same moment, with a unique violation on the catalog's name index.
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                $"PostgreSQL database '{options.Database}' on {options.Host}:{options.Port} does not exist and role '{options.Username}' may not create it: " +
                $"ask an administrator to run CREATE DATABASE \"{name}\" OWNER \"{options.Username}\"", e);
        }
    }

    /// <summary>Whether <see cref="PostgresOptions.Database"/> exists (connecting to it; other connection errors are thrown).</summary>
    public static async Task<bool> ExistsAsync(PostgresOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            await using var connection = new NpgsqlConnection(options.BuildConnectionString());
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return false;
        }
    }

    /// <summary>
    /// Drops <see cref="PostgresOptions.Database"/> if it exists, closing its connections (<c>WITH (FORCE)</c>), through
    /// the server's <c>postgres</c> database: for throwaway databases of benchmarks and tests.
    /// </summary>
    public static async Task DropIfExistsAsync(PostgresOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        NpgsqlConnection.ClearAllPools();
        var name = options.Database.Replace("\"", "\"\"", StringComparison.Ordinal);
        var maintenance = new NpgsqlConnectionStringBuilder(options.BuildConnectionString()) { Database = "postgres", Pooling = false };
        await using var admin = new NpgsqlConnection(maintenance.ConnectionString);
        await admin.OpenAsync(cancellationToken);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }
}
