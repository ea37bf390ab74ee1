namespace Storytelling.Nlp.Events;

/// <summary>
/// A participant or circumstance of an event: the text of characters [<paramref name="Start"/>, <paramref name="End"/>)
/// of the document, the entity type when it is (or is headed by) a recognised entity (<c>PER</c>, <c>ORG</c>,
/// <c>LOC</c>, ...), the index of that entity in <see cref="Document.Entities"/> (-1 when none), and a confidence in [0, 1].
/// </summary>
public sealed record EventArgument(int Start, int End, string Text, string? EntityType, int EntityIndex, float Confidence)
{
    /// <summary>The argument's syntactic head token (document-wide index), for linking by lemma; -1 when unknown.</summary>
    public int HeadToken { get; init; } = -1;
}
