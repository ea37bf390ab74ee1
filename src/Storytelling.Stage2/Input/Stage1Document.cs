namespace Storytelling.Stage2.Input;

/// <summary>
/// A cleaned document as Stage 1 hands it to Stage 2: where it came from (job, 1-based input line, batch), what the NLP
/// pipeline reads (text, publication date) and what is stored with it (title, language). <paramref name="Offset"/> is
/// the byte offset of its line in Stage 1's job file when it was read from there.
/// </summary>
public sealed record Stage1Document(
    string Id, string JobId, long Line, string? BatchId, string? Title, string Text, string? Language, DateTimeOffset? PublishedAt, long? Offset = null);
