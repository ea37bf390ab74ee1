namespace Storytelling.Messaging;

/// <summary>One consumer of a group (XINFO CONSUMERS): how many entries it holds pending and how long since Redis last saw it.</summary>
public sealed record GroupConsumerHealth(string Name, long Pending, double IdleSeconds);
