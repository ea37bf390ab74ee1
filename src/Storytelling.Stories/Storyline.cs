namespace Storytelling.Stories;

/// <summary>
/// A story: documents about one seminal event and what followed. <paramref name="Id"/> is <c>story-</c> + 12 hex
/// digits of the SHA-256 of its first document's id and never changes; <paramref name="Version"/> starts at 1 and
/// grows by one with every change; <paramref name="EventIds"/> are in time order; <paramref name="Start"/> and
/// <paramref name="End"/> span its events' times (null when none is known).
/// </summary>
public sealed record Storyline(
    string Id,
    int Version,
    string Title,
    IReadOnlyList<string> DocumentIds,
    IReadOnlyList<string> EventIds,
    DateTimeOffset? Start,
    DateTimeOffset? End);
