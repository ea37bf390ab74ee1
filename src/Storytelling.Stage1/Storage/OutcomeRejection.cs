namespace Storytelling.Stage1.Storage;

/// <summary>Why cleaning rejected an article: the rejection code, a sentence saying what is wrong, and the start of the content.</summary>
public sealed record OutcomeRejection(string Code, string Reason, string? Excerpt);
