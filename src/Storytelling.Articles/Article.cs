namespace Storytelling.Articles;

/// <summary>One accepted input article, as given in its JSONL line (the cleaning stage normalizes it).</summary>
public sealed record Article
{
    /// <summary>The trimmed <c>id</c> field, or <c>"sha256:"</c> + 32 hex digits of the content's hash when absent.</summary>
    public required string Id { get; init; }

    /// <summary>True when the line had no id and <see cref="Id"/> was derived from the content.</summary>
    public required bool IdWasDerived { get; init; }

    public string? Title { get; init; }

    /// <summary>Plain text or HTML, exactly as given; never empty or whitespace-only.</summary>
    public required string Content { get; init; }

    public required ContentField ContentField { get; init; }

    public string? Url { get; init; }

    public string? Source { get; init; }

    public string? Author { get; init; }

    /// <summary>The <c>published_at</c> field as given, parseable or not.</summary>
    public string? PublishedAtRaw { get; init; }

    /// <summary><see cref="PublishedAtRaw"/> when it is an ISO 8601 date or date-time (no offset means UTC); otherwise null.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    public string? Language { get; init; }

    public required InputLocation Origin { get; init; }
}
