using Microsoft.Extensions.Logging;

namespace Storytelling.Storage.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "migration_applied", Level = LogLevel.Information,
        Message = "Applied migration {FileName} to schema {Schema} in {ElapsedMilliseconds} ms")]
    public static partial void MigrationApplied(ILogger logger, string fileName, string schema, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "migrations_up_to_date", Level = LogLevel.Debug,
        Message = "Schema {Schema} is up to date at migration {Version}")]
    public static partial void MigrationsUpToDate(ILogger logger, string schema, int version);

    [LoggerMessage(EventId = 3, EventName = "migration_not_in_assembly", Level = LogLevel.Warning,
        Message = "Schema {Schema} has migration {Version} ({Name}) applied, which {Assembly} does not contain: newer code migrated this schema")]
    public static partial void MigrationNotInAssembly(ILogger logger, string schema, int version, string name, string? assembly);
}
