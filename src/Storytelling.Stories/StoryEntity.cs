namespace Storytelling.Stories;

/// <summary>A named entity of a story document: its text, type (PER, ORG, LOC, ...) and character offsets [<paramref name="Start"/>, <paramref name="End"/>).</summary>
public sealed record StoryEntity(string Text, string Type, int Start, int End);
