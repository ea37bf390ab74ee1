using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Cleaning.Duplicates;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage1.Tests.Storage;

/// <summary>Outcomes as a worker would hand them to the store.</summary>
internal static class Outcomes
{
    public const string BatchId = "batch-7";

    public static MinHasher Hasher { get; } = new(new NearDuplicateOptions());

    public static DocumentOutcome Cleaned(string jobId, long line, string text, string? documentId = null) =>
        DocumentOutcome.Cleaned(jobId, line, BatchId, Document(documentId ?? $"{jobId}-{line}", text), Hasher);

    public static DocumentOutcome Rejected(string jobId, long line) =>
        DocumentOutcome.Rejected(
            jobId,
            line,
            $"{jobId}-{line}",
            BatchId,
            new OutcomeRejection("too_short", $"The text has 9 words; at least 40 are required (line {line}).", "Click here to read more"));

    public static RejectedRecord InputRejection(long line) =>
        new("input.jsonl", line, RejectionCodes.InvalidJson, $"Line {line} is not valid JSON: unexpected end of input.", 14, "{\"title\": \"Bro");

    public static CleanedDocument Document(string id, string text) => new()
    {
        Id = id,
        Title = "Quake hits Veranda",
        Text = text,
        Language = "en",
        DetectedLanguage = "en",
        LanguageConfidence = 0.97,
        LanguageDisagrees = false,
        ContentHash = MinHasher.ContentHash(text),
        Authors = ["Ana Ruiz", "Tom Berg"],
        PublishedAt = new DateTimeOffset(2026, 11, 3, 6, 15, 0, TimeSpan.Zero),
        DateFlags = [],
        PublishedAtRaw = "2026-11-03T07:15:00+01:00",
        Source = "Northern Wire",
        Url = $"https://example.org/news/{id}",
        ContentField = ContentField.Html,
        BoilerplateRatio = 0.31,
        Repairs = [ArticleCleaner.HtmlToTextRepair, "whitespace"],
    };
}
