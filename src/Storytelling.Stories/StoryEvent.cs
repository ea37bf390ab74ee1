using Storytelling.Nlp.Events;

namespace Storytelling.Stories;

/// <summary>An event mention of a document as the story engine tracks it; <paramref name="Id"/> is <see cref="IdFor"/>.</summary>
public sealed record StoryEvent(string Id, string DocumentId, EventMention Mention)
{
    /// <summary>The event id: the document id and the trigger's first character offset (<c>doc-7/e112</c>).</summary>
    public static string IdFor(string documentId, EventMention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        return $"{documentId}/e{mention.TriggerStart}";
    }

    /// <summary>A story event for <paramref name="mention"/> of document <paramref name="documentId"/>.</summary>
    public static StoryEvent For(string documentId, EventMention mention) => new(IdFor(documentId, mention), documentId, mention);
}
