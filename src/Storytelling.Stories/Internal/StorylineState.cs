namespace Storytelling.Stories.Internal;

/// <summary>The mutable state behind one <see cref="Storyline"/>; only the engine touches it, under its lock.</summary>
internal sealed class StorylineState(string id, int index, int maxCentroidTerms)
{
    public string Id { get; } = id;

    /// <summary>Creation order (0 for the first storyline).</summary>
    public int Index { get; } = index;

    public int Version { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The text vector of the document whose title is the storyline's title (the most central one seen so far).</summary>
    public SparseVector? TitleDocument { get; set; }

    public List<string> DocumentIds { get; } = [];

    /// <summary>Events in time order (see <see cref="EventRecord.OrderTime"/>), ties by arrival.</summary>
    public List<EventRecord> Events { get; } = [];

    public Dictionary<string, List<EventRecord>> EventsByLemma { get; } = new(StringComparer.Ordinal);

    public Centroid Text { get; } = new(maxCentroidTerms);

    public Centroid Titles { get; } = new(maxCentroidTerms / 4);

    public Centroid Entities { get; } = new(maxCentroidTerms / 4);

    /// <summary>Blocking keys already posted for this storyline (each key lists a storyline once).</summary>
    public HashSet<string> PostedKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>First and last document day, for the time window.</summary>
    public DateTimeOffset? FirstDay { get; set; }

    public DateTimeOffset? LastDay { get; set; }

    /// <summary>The latest <see cref="DocumentProfile.LatestYear"/> of its documents.</summary>
    public int? LatestYear { get; set; }

    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }

    /// <summary>The order time of the latest-arrived event, inherited by later events that have no time at all.</summary>
    public DateTimeOffset? LastOrderTime { get; set; }

    public Storyline Current { get; set; } = null!;

    /// <summary>Days from <paramref name="day"/> to the storyline's document days (0 inside them); null when either is unknown.</summary>
    public double? DaysFrom(DateTimeOffset? day)
    {
        if (day is not { } d || FirstDay is not { } first || LastDay is not { } last)
        {
            return null;
        }

        return d < first ? (first - d).TotalDays : d > last ? (d - last).TotalDays : 0;
    }
}
