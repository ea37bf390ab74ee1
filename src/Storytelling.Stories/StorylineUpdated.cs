namespace Storytelling.Stories;

/// <summary>
/// The data of a <c>com.storytelling.nlp.storyline.updated</c> announcement (docs/stage2.md), the same in the embedded
/// run and the distributed storyline builder; serialized in snake_case. <see cref="EventId"/> is the announcement's id:
/// one per storyline version, so an announcement repeated after a crash is published once.
/// </summary>
public sealed record StorylineUpdated(
    string StorylineId,
    int Version,
    bool IsNew,
    string Title,
    string? PreviousTitle,
    IReadOnlyList<string> AddedDocumentIds,
    IReadOnlyList<string> AddedEventIds,
    int Documents,
    int Events,
    DateTimeOffset? Start,
    DateTimeOffset? End)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string EventId => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{StorylineId}:v{Version}");

    public static StorylineUpdated From(StorylineChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var s = change.Storyline;
        return new StorylineUpdated(
            s.Id, s.Version, change.IsNew, s.Title, change.PreviousTitle, change.AddedDocumentIds, change.AddedEventIds, s.DocumentIds.Count,
            s.EventIds.Count, s.Start, s.End);
    }
}
