namespace Storytelling.Stories.Evaluation;

/// <summary>
/// One line of gold.jsonl (shared/data/ecbplus-dev/README.md): the document, its story label (<paramref name="Subtopic"/>),
/// the sentences whose annotation is complete, and its gold event and entity mentions (entities only help to locate
/// sentences, see <see cref="SentenceScope"/>).
/// </summary>
public sealed record GoldDocument(
    string Id,
    int Topic,
    string Subtopic,
    IReadOnlyList<int> SelectedSentences,
    IReadOnlyList<GoldMention> Events,
    IReadOnlyList<GoldMention> Entities);
