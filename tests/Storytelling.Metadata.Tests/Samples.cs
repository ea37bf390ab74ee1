using System.Globalization;

namespace Storytelling.Metadata.Tests;

/// <summary>Registry records as the stages make them.</summary>
internal static class Samples
{
    public static string NewJobId() => $"job-{Guid.CreateVersion7():N}";

    public static DocumentMetadata Document(string jobId, int n) => new(
        string.Create(CultureInfo.InvariantCulture, $"doc-{n}"), jobId, $"Council approves plan {n}", "A. Writer",
        new DateTimeOffset(2026, 11, 17, 8, 0, 0, TimeSpan.Zero), "Test Wire", $"https://news.example/{n}", "en", $"hash-{n}");

    public static EventMetadata Event(string jobId, string documentId, int n, string type = "conflict", int day = 17) => new(
        string.Create(CultureInfo.InvariantCulture, $"{documentId}-ev{n}"), documentId, jobId, type,
        new DateTimeOffset(2026, 11, day, 0, 0, 0, TimeSpan.Zero), $"police arrested demonstrators ({n})");

    public static IReadOnlyList<DocumentMetadata> Documents(string jobId, int count) => [.. Enumerable.Range(1, count).Select(n => Document(jobId, n))];
}
