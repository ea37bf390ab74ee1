namespace Storytelling.Redis;

/// <summary>
/// XAUTOCLAIM: the claimed entries, where the next scan starts (0-0 when the scan is complete), and the ids
/// that were pending but no longer exist in the stream (removed from the pending list by Redis 7).
/// </summary>
public sealed record AutoClaimResult(StreamId NextStartId, IReadOnlyList<StreamEntry> Entries, IReadOnlyList<StreamId> DeletedIds);
