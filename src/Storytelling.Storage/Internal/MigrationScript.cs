namespace Storytelling.Storage.Internal;

/// <summary>One embedded migration file: <c>NNNN_name.sql</c>, its text and the checksum of that text.</summary>
internal sealed record MigrationScript(int Version, string Name, string FileName, string Sql, string Checksum);
