namespace Storytelling.Stories.Evaluation;

/// <summary>
/// A gold event mention: characters [<paramref name="Start"/>, <paramref name="End"/>) of the article content, its ECB+
/// sentence number, and its coreference chain (null for a singleton).
/// </summary>
public sealed record GoldMention(string Id, int Sentence, string Text, int Start, int End, string? Type, string? Chain);
