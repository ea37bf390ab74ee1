namespace Storytelling.Storage;

/// <summary>A migration: one that a <see cref="PostgresMigrator.MigrateAsync"/> call applied, or one <see cref="PostgresMigrator.PendingAsync"/> found not applied yet.</summary>
public sealed record AppliedMigration(int Version, string Name);
