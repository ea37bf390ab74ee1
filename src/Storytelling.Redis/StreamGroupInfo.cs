namespace Storytelling.Redis;

/// <summary>One group of XINFO GROUPS. <c>EntriesRead</c> and <c>Lag</c> are null when Redis cannot tell (or before 7.0).</summary>
public sealed record StreamGroupInfo(
    string Name, long Consumers, long Pending, StreamId LastDeliveredId, long? EntriesRead, long? Lag);
