using Storytelling.Nlp.Events;

namespace Storytelling.Stories.Internal;

/// <summary>What event linking keeps of one event mention: its lemma, participant and place words, and its time.</summary>
internal sealed class EventRecord(string id, string documentId, long sequence, EventMention mention, string lemma)
{
    public string Id { get; } = id;

    public string DocumentId { get; } = documentId;

    /// <summary>Order of arrival over the whole engine (document order, then trigger order).</summary>
    public long Sequence { get; } = sequence;

    public EventMention Mention { get; } = mention;

    public string Lemma { get; } = lemma;

    /// <summary>Content words of the agent, patient and theme.</summary>
    public string[] Participants { get; init; } = [];

    /// <summary>Content words of the places.</summary>
    public string[] Places { get; init; } = [];

    /// <summary>The event's time: the extractor's interval, or the document's day when it has none.</summary>
    public Nlp.Time.TimeInterval? Time { get; init; }

    /// <summary>True when <see cref="Time"/> comes from a time expression of the text (not the document date).</summary>
    public bool HasExplicitTime { get; init; }

    /// <summary>The time used to order the storyline's events (see <see cref="StorylineState"/>).</summary>
    public DateTimeOffset? OrderTime { get; set; }

    public EventCluster Cluster { get; set; } = null!;
}
