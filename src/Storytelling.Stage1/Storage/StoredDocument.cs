using Storytelling.Articles;
using Storytelling.Cleaning.Duplicates;

namespace Storytelling.Stage1.Storage;

/// <summary>A cleaned document as stored for a job: what a <c>cleaned.jsonl</c> line and the document API show.</summary>
public sealed record StoredDocument
{
    /// <summary>The document id (the article's id).</summary>
    public required string Id { get; init; }

    public required string JobId { get; init; }

    public required string BatchId { get; init; }

    /// <summary>The 1-based input line.</summary>
    public required long Line { get; init; }

    public string? Title { get; init; }

    public required string Text { get; init; }

    public required string Language { get; init; }

    public required string DetectedLanguage { get; init; }

    public required double LanguageConfidence { get; init; }

    public required bool LanguageDisagrees { get; init; }

    public required string ContentHash { get; init; }

    /// <summary>The duplicate group (the id of the group's first document), or null when this document is an original.</summary>
    public string? DuplicateGroup { get; init; }

    public DuplicateKind? DuplicateKind { get; init; }

    /// <summary>The id of the earlier document this one matched, or null.</summary>
    public string? DuplicateOf { get; init; }

    public double? DuplicateSimilarity { get; init; }

    public string? Source { get; init; }

    public string? Url { get; init; }

    public required IReadOnlyList<string> Authors { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public string? PublishedAtRaw { get; init; }

    public required IReadOnlyList<string> DateFlags { get; init; }

    public required ContentField ContentField { get; init; }

    public required double BoilerplateRatio { get; init; }

    public required IReadOnlyList<string> Repairs { get; init; }

    public required int CharacterCount { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
