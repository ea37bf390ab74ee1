namespace Storytelling.Stories.Internal;

/// <summary>
/// The mutable state behind one <see cref="Storyline"/>; only the engine touches it, under its lock. While active it
/// keeps what matching and event linking need (centroids, blocking keys, event records by lemma); <see cref="Freeze"/>
/// drops all of that and keeps only the published <see cref="Current"/> version and each event's cluster seed.
/// </summary>
internal sealed class StorylineState(string id, int index, int maxCentroidTerms)
{
    public string Id { get; } = id;

    /// <summary>Creation order (0 for the first storyline).</summary>
    public int Index { get; } = index;

    public int Version { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The text vector of the document whose title is the storyline's title (the most central one seen so far).</summary>
    public SparseVector? TitleDocument { get; set; }

    public List<string> DocumentIds { get; private set; } = [];

    /// <summary>Events in time order (see <see cref="EventRecord.OrderTime"/>), ties by arrival.</summary>
    public List<EventRecord> Events { get; private set; } = [];

    public Dictionary<string, List<EventRecord>> EventsByLemma { get; private set; } = new(StringComparer.Ordinal);

    public Centroid Text { get; private set; } = new(maxCentroidTerms);

    public Centroid Titles { get; private set; } = new(maxCentroidTerms / 4);

    public Centroid Entities { get; private set; } = new(maxCentroidTerms / 4);

    /// <summary>Blocking keys already posted for this storyline (each key lists a storyline once).</summary>
    public HashSet<string> PostedKeys { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>First and last document day, for the time window.</summary>
    public DateTimeOffset? FirstDay { get; set; }

    public DateTimeOffset? LastDay { get; set; }

    /// <summary>The latest <see cref="DocumentProfile.LatestYear"/> of its documents.</summary>
    public int? LatestYear { get; set; }

    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }

    /// <summary>The order time of the latest-arrived event, inherited by later events that have no time at all.</summary>
    public DateTimeOffset? LastOrderTime { get; set; }

    /// <summary>How many documents the engine had seen when the latest one joined this storyline.</summary>
    public long LastJoined { get; set; }

    public Storyline Current { get; set; } = null!;

    /// <summary>True once <see cref="Freeze"/> ran: the storyline is no longer a candidate for new documents.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>For a frozen storyline, the <see cref="EventRecord.ClusterSeed"/> of each event of <see cref="Current"/>, in the same order.</summary>
    public string[] FrozenClusterSeeds { get; private set; } = [];

    /// <summary>Days from <paramref name="day"/> to the storyline's document days (0 inside them); null when either is unknown.</summary>
    public double? DaysFrom(DateTimeOffset? day)
    {
        if (day is not { } d || FirstDay is not { } first || LastDay is not { } last)
        {
            return null;
        }

        return d < first ? (first - d).TotalDays : d > last ? (d - last).TotalDays : 0;
    }

    /// <summary>Keeps only the published version, its dates and the events' cluster seeds; everything used for matching goes.</summary>
    public void Freeze()
    {
        FrozenClusterSeeds = [.. Events.Select(e => e.ClusterSeed)];
        IsFrozen = true;
        TitleDocument = null;
        DocumentIds = [];
        Events = [];
        EventsByLemma = [];
        Text = Titles = Entities = Centroid.Empty;
        PostedKeys = [];
    }
}
