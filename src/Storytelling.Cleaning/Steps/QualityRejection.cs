namespace Storytelling.Cleaning.Steps;

/// <summary>Why a document was rejected: a stable code (<c>too_short</c>, <c>html_too_deep</c>, ...) and a sentence naming the measurement and the limit.</summary>
public sealed record QualityRejection(string Code, string Reason);
