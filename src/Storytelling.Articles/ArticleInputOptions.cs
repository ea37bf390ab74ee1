using System.ComponentModel.DataAnnotations;

namespace Storytelling.Articles;

/// <summary>Limits of the JSONL article input (configuration section <c>input</c>).</summary>
public sealed class ArticleInputOptions
{
    public const string SectionName = "input";

    public const int DefaultMaxLineBytes = 4 * 1024 * 1024;
    public const int DefaultMaxDocumentBytes = 2_000_000;
    public const int DefaultRejectedExcerptChars = 1024;

    /// <summary>The longest accepted line in bytes, without its line terminator; longer lines are skipped and rejected.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxLineBytes { get; set; } = DefaultMaxLineBytes;

    /// <summary>The largest accepted content, in bytes of UTF-8.</summary>
    [Range(1, 256 * 1024 * 1024)]
    public int MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;

    /// <summary>How many characters of a rejected line are kept in <see cref="RejectedRecord.Excerpt"/>.</summary>
    [Range(0, 1024 * 1024)]
    public int RejectedExcerptChars { get; set; } = DefaultRejectedExcerptChars;
}
