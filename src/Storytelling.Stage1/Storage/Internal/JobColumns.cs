using Npgsql;

namespace Storytelling.Stage1.Storage.Internal;

/// <summary>The <c>stage1.jobs</c> columns a <see cref="JobProgress"/> is read from, and the reading.</summary>
internal static class JobColumns
{
    public const string Progress = "id, submitted, cleaned, rejected, duplicates, state";

    public static JobProgress ReadProgress(NpgsqlDataReader reader, int offset = 0) => new(
        reader.GetString(offset),
        reader.IsDBNull(offset + 1) ? null : reader.GetInt64(offset + 1),
        reader.GetInt64(offset + 2),
        reader.GetInt64(offset + 3),
        reader.GetInt64(offset + 4),
        StoredNames.ParseJobState(reader.GetString(offset + 5)));
}
