using Storytelling.Nlp;

namespace Storytelling.Stories;

/// <summary>
/// A document as the story engine sees it: id, title, text, publication date, named entities and event mentions.
/// </summary>
public sealed record StoryDocument(
    string Id,
    string? Title,
    string Text,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<StoryEntity> Entities,
    IReadOnlyList<StoryEvent> Events)
{
    /// <summary>
    /// Builds the story view of an analysed document: its id and publication date, its entities (text, type, offsets)
    /// and its event mentions (ids from <see cref="StoryEvent.IdFor"/>). Time-like entity types (DATE, TIME, numbers)
    /// are kept; the engine uses names only.
    /// </summary>
    public static StoryDocument From(Document document, string? title)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrEmpty(document.Id))
        {
            throw new ArgumentException("A story document needs an id; the analysed document has none.", nameof(document));
        }

        var entities = new StoryEntity[document.Entities.Count];
        for (int i = 0; i < entities.Length; i++)
        {
            var entity = document.Entities[i];
            entities[i] = new StoryEntity(document.Text[entity.Start..entity.End], entity.Type, entity.Start, entity.End);
        }

        var events = new StoryEvent[document.Events.Count];
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = StoryEvent.For(document.Id, document.Events[i]);
        }

        return new StoryDocument(document.Id, title, document.Text, document.PublishedAt, entities, events);
    }
}
