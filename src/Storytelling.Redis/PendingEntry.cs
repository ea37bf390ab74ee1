namespace Storytelling.Redis;

/// <summary>One pending entry (XPENDING extended form): who holds it, for how long, how often it was delivered.</summary>
public sealed record PendingEntry(StreamId Id, string Consumer, TimeSpan Idle, long DeliveryCount);
