namespace Storytelling.Articles;

/// <summary>An input line that was not accepted, kept so that nothing is silently dropped.</summary>
/// <param name="File">The input's name, as given to the reader.</param>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Code">A short machine code, one of <see cref="RejectionCodes"/>.</param>
/// <param name="Reason">A sentence naming the field or place and what is wrong.</param>
/// <param name="ByteLength">The line's length in bytes, without its line terminator.</param>
/// <param name="Excerpt">The start of the line, decoded as UTF-8 (invalid bytes become U+FFFD), at most the configured number of characters.</param>
public sealed record RejectedRecord(string File, long Line, string Code, string Reason, long ByteLength, string Excerpt)
{
    public InputLocation Location => new(File, Line);
}
