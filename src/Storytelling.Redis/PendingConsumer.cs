namespace Storytelling.Redis;

/// <summary>A consumer and the number of entries it holds pending (XPENDING summary).</summary>
public sealed record PendingConsumer(string Name, long Count);
