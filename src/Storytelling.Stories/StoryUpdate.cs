namespace Storytelling.Stories;

/// <summary>
/// The outcome of adding one document: the storyline it joined, the event links found for its events, the event
/// cluster of each of its events (event id → cluster id) and the storylines that changed (only the one it joined).
/// </summary>
public sealed record StoryUpdate(
    string DocumentId,
    string StorylineId,
    IReadOnlyList<EventLinkage> Links,
    IReadOnlyDictionary<string, string> EventClusters,
    IReadOnlyList<StorylineChange> Changes);
