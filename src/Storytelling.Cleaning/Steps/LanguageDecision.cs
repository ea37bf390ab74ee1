namespace Storytelling.Cleaning.Steps;

/// <summary>
/// The document's language (the article's own when given, else the detected one), what the model detected and how
/// sure it was, and whether the given language disagrees with a confident detection.
/// </summary>
public sealed record LanguageDecision(string Language, string Detected, double Confidence, string? Declared, bool Disagrees);
