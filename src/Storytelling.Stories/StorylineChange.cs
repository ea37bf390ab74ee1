namespace Storytelling.Stories;

/// <summary>
/// How one storyline changed when a document was added: its new version, whether it was created, what was added, and
/// its previous title when the title changed (null otherwise).
/// </summary>
public sealed record StorylineChange(
    Storyline Storyline,
    bool IsNew,
    IReadOnlyList<string> AddedDocumentIds,
    IReadOnlyList<string> AddedEventIds,
    string? PreviousTitle);
