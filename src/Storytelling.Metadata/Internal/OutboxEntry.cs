namespace Storytelling.Metadata.Internal;

/// <summary>One write waiting in the outbox: its place in line, the stage that made it, what it is and its record as JSON.</summary>
internal sealed record OutboxEntry(long Seq, string Stage, OutboxKind Kind, string JobId, string Payload, long CreatedMs)
{
    public string EntityType => EntityTypeOf(Kind);

    /// <summary>The <c>entity_type</c> label of a kind: job, document, event or storyline.</summary>
    public static string EntityTypeOf(OutboxKind kind) => kind switch
    {
        OutboxKind.Job => "job",
        OutboxKind.Document => "document",
        OutboxKind.Event => "event",
        _ => "storyline",
    };
}
