namespace Storytelling.Redis;

/// <summary>One consumer of XINFO CONSUMERS. <c>Inactive</c> (time since its last successful read) needs Redis 7.2.</summary>
public sealed record StreamConsumerInfo(string Name, long Pending, TimeSpan Idle, TimeSpan? Inactive);
