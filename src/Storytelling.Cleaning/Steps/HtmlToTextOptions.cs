namespace Storytelling.Cleaning.Steps;

/// <summary>Limits of <see cref="HtmlToText"/>: documents beyond them are rejected before parsing, never parsed into a stack overflow.</summary>
public sealed record HtmlToTextOptions
{
    /// <summary>Largest HTML document accepted, in characters (default 4,000,000).</summary>
    public int MaxHtmlChars { get; init; } = 4_000_000;

    /// <summary>Deepest element nesting accepted (default 256; real news pages stay well under 64).</summary>
    public int MaxDepth { get; init; } = 256;
}
