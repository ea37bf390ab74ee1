namespace Storytelling.Metadata;

/// <summary>The storyline an event of a document belongs to (sets <c>event_metadata.storyline_id</c>); <see cref="JobId"/> decides the rollout.</summary>
public sealed record StorylineAssignment(string EventId, string DocumentId, string JobId, string StorylineId);
