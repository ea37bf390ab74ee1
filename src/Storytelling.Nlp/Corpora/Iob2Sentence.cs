namespace Storytelling.Nlp.Corpora;

/// <summary>
/// A sentence of an IOB2 file: its token forms and tags (<c>O</c>, <c>B-TYPE</c>, <c>I-TYPE</c>), the
/// <c># sent_id</c> and <c># text</c> metadata, whether it opens a document (<c># newdoc</c>), and where it starts
/// in the source (for messages).
/// </summary>
public sealed record Iob2Sentence(
    string? Id,
    string? Text,
    IReadOnlyList<string> Forms,
    IReadOnlyList<string> Tags,
    bool StartsDocument,
    string Source,
    int Line);
