namespace Storytelling.Nlp.Language;

/// <summary>
/// The most likely language (ISO 639-1, or <see cref="LanguageIdentifier.Undetermined"/>) and how sure the model is:
/// the posterior probability of the best language among those the model knows.
/// </summary>
public readonly record struct LanguageGuess(string Language, double Confidence);
