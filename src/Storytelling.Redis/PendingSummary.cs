namespace Storytelling.Redis;

/// <summary>XPENDING summary: how many entries are pending, the id range, and how many each consumer holds.</summary>
public sealed record PendingSummary(
    long Count, StreamId? LowestId, StreamId? HighestId, IReadOnlyList<PendingConsumer> Consumers);
