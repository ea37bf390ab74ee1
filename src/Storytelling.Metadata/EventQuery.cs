namespace Storytelling.Metadata;

/// <summary>Which events to list: any of document, type, an event date range [From, To) and storyline; by date, at most <see cref="Limit"/>.</summary>
public sealed record EventQuery(
    string? DocumentId = null, string? EventType = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? StorylineId = null, int Limit = 100);
