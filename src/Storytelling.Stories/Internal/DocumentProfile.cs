namespace Storytelling.Stories.Internal;

/// <summary>The features of one document for story clustering: term, title and entity counts and their TF-IDF vectors.</summary>
internal sealed class DocumentProfile
{
    public required StoryDocument Document { get; init; }

    public required Dictionary<string, int> TextCounts { get; init; }

    public required Dictionary<string, int> TitleCounts { get; init; }

    public required Dictionary<string, int> EntityCounts { get; init; }

    public SparseVector Text { get; set; } = SparseVector.Empty;

    public SparseVector Title { get; set; } = SparseVector.Empty;

    public SparseVector Entities { get; set; } = SparseVector.Empty;

    /// <summary>The document's day (UTC midnight of its publication date), when it has one.</summary>
    public DateTimeOffset? Day { get; init; }

    /// <summary>The latest year the document states or its day's year (see <see cref="DocumentDates"/>).</summary>
    public int? LatestYear { get; init; }
}
