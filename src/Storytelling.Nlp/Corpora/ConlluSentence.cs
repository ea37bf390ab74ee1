namespace Storytelling.Nlp.Corpora;

/// <summary>
/// A CoNLL-U sentence: its syntactic words (empty nodes such as <c>3.1</c> are skipped), its multiword tokens,
/// the <c># sent_id</c> and <c># text</c> metadata, whether it opens a paragraph or document
/// (<c># newpar</c>, <c># newdoc</c>), and where it starts in the source (for messages).
/// </summary>
public sealed record ConlluSentence(
    string? Id,
    string? Text,
    IReadOnlyList<ConlluWord> Words,
    IReadOnlyList<ConlluMultiwordToken> MultiwordTokens,
    bool StartsParagraph,
    bool StartsDocument,
    string Source,
    int Line);
