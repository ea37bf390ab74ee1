namespace Storytelling.Stories.Internal;

/// <summary>
/// What event linking keeps of one event mention while its storyline is active: its lemma, participant and place
/// words (shared strings), its time, whether it is negated, and its cluster's first event. The mention itself is not kept.
/// </summary>
internal sealed class EventRecord(string id, long sequence, string lemma, bool isNegated)
{
    public string Id { get; } = id;

    /// <summary>Order of arrival over the whole engine (document order, then trigger order).</summary>
    public long Sequence { get; } = sequence;

    public string Lemma { get; } = lemma;

    public bool IsNegated { get; } = isNegated;

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

    /// <summary>
    /// The id of the first event of its cross-document cluster; the cluster id is <c>evc-</c> and a hash of it
    /// (<see cref="StableIds.EventCluster"/>), computed when asked for rather than stored with every event.
    /// </summary>
    public string ClusterSeed { get; set; } = "";
}
