namespace Storytelling.Messaging;

/// <summary>
/// A consumer group's health as the seed reports it (<c>enabled</c>, <c>healthy</c>, <c>stream_exists</c>,
/// <c>group_exists</c>, <c>pending_count</c>, <c>running</c>) plus what an operator needs to tell a slow consumer
/// from a stuck one: the group's lag, the age of its oldest pending entry, its consumers and the dead-letter length.
/// <see cref="Healthy"/> is <c>enabled &amp;&amp; running &amp;&amp; stream_exists &amp;&amp; group_exists</c> and Redis answered.
/// Serialized with snake_case names by <see cref="ToJson"/>.
/// </summary>
public sealed record ConsumerHealth(
    bool Enabled,
    bool Healthy,
    bool StreamExists,
    bool GroupExists,
    long PendingCount,
    bool Running,
    long? Lag,
    double? OldestPendingAgeSeconds,
    IReadOnlyList<GroupConsumerHealth> Consumers,
    long DeadLetterLength,
    string Stream,
    string Group,
    string DeadLetterStream,
    DateTimeOffset CheckedAt,
    string? Error)
{
    /// <summary>This report as a JSON object with snake_case names (what <c>/health</c> serves).</summary>
    public string ToJson(bool indented = false) =>
        System.Text.Json.JsonSerializer.Serialize(this, indented ? Internal.MessagingJson.Indented.ConsumerHealth : Internal.MessagingJson.Default.ConsumerHealth);
}
