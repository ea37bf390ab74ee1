namespace Storytelling.Metadata.Internal;

/// <summary>What an outbox entry carries (its payload is the JSON of the matching record).</summary>
internal enum OutboxKind
{
    Job = 1,
    Document = 2,
    Event = 3,
    Storyline = 4,
}
