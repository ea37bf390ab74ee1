using Storytelling.Articles;

namespace Storytelling.Cleaning;

/// <summary>
/// An article after Stage 1's cleaning steps: plain text with paragraphs, normalized title and authors, the
/// publication date in UTC (null when missing, unparseable or in the future; <see cref="DateFlags"/> say why),
/// the language (with what the model detected and whether it disagrees with the article's own), the content hash
/// for exact duplicates, the source fields as given, and the repairs that changed the text.
/// </summary>
public sealed record CleanedDocument
{
    public required string Id { get; init; }

    public string? Title { get; init; }

    public required string Text { get; init; }

    public required string Language { get; init; }

    public required string DetectedLanguage { get; init; }

    public required double LanguageConfidence { get; init; }

    public required bool LanguageDisagrees { get; init; }

    /// <summary><see cref="Duplicates.NearDuplicateDetector.ContentHash"/> of <see cref="Text"/>.</summary>
    public required string ContentHash { get; init; }

    public required IReadOnlyList<string> Authors { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public required IReadOnlyList<string> DateFlags { get; init; }

    public string? PublishedAtRaw { get; init; }

    public string? Source { get; init; }

    public string? Url { get; init; }

    public required ContentField ContentField { get; init; }

    /// <summary>Share of the page's visible text removed as boilerplate (0 for plain text).</summary>
    public required double BoilerplateRatio { get; init; }

    /// <summary>What changed the text: <c>html_to_text</c> and the <see cref="Steps.TextNormalizer"/> repairs.</summary>
    public required IReadOnlyList<string> Repairs { get; init; }

    public int CharacterCount => Text.Length;
}
