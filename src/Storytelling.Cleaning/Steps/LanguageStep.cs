using Storytelling.Nlp.Language;

namespace Storytelling.Cleaning.Steps;

/// <summary>
/// Identifies the language of a cleaned text from its first <see cref="SampleChars"/> characters (cut at a space).
/// The article's own language (its primary subtag, lower-cased: <c>en-US</c> is <c>en</c>) is kept when given; it
/// disagrees when the model detected another language with at least <see cref="MinConfidence"/>.
/// </summary>
public sealed class LanguageStep(LanguageIdentifier identifier)
{
    public const int SampleChars = 1000;
    public const double MinConfidence = 0.9;

    public LanguageDecision Identify(string text, string? declaredLanguage)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sample = text.AsSpan();
        if (sample.Length > SampleChars)
        {
            var cut = sample[..SampleChars].LastIndexOfAny(' ', '\n');
            sample = sample[..(cut > SampleChars / 2 ? cut : SampleChars)];
        }

        var guess = identifier.Identify(sample);
        var declared = Primary(declaredLanguage);
        var disagrees = declared != null && guess.Language != LanguageIdentifier.Undetermined
            && guess.Confidence >= MinConfidence && guess.Language != declared;
        return new LanguageDecision(declared ?? guess.Language, guess.Language, guess.Confidence, declared, disagrees);
    }

    private static string? Primary(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var trimmed = language.Trim();
        var dash = trimmed.IndexOfAny(['-', '_']);
        return (dash > 0 ? trimmed[..dash] : trimmed).ToLowerInvariant();
    }
}
