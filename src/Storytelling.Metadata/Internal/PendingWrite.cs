namespace Storytelling.Metadata.Internal;

/// <summary>A write handed to the outbox: the stage that made it, what it is, its job (for the rollout) and its record as JSON.</summary>
internal sealed record PendingWrite(string Stage, OutboxKind Kind, string JobId, string Payload);
