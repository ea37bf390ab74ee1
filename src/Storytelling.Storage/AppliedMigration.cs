namespace Storytelling.Storage;

/// <summary>A migration that one <see cref="PostgresMigrator.MigrateAsync"/> call applied.</summary>
public sealed record AppliedMigration(int Version, string Name);
