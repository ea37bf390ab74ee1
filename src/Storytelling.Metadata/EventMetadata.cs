namespace Storytelling.Metadata;

/// <summary>
/// An event found in a document (table <c>event_metadata</c>, keyed on the event id): its type, date (the start of its
/// time when the text gives one), a description (who did what to whom) and, once the storyline builder placed it, its
/// storyline. <see cref="JobId"/> decides the rollout and is not stored.
/// </summary>
public sealed record EventMetadata(
    string EventId,
    string DocumentId,
    string JobId,
    string? EventType,
    DateTimeOffset? EventDate,
    string? Description,
    string? StorylineId = null);
