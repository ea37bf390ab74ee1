using System.Diagnostics.CodeAnalysis;
using Storytelling.Articles;
using Storytelling.Cleaning.Duplicates;
using Storytelling.Cleaning.Steps;
using Storytelling.Nlp.Language;

namespace Storytelling.Cleaning;

/// <summary>
/// Cleans one article: HTML to text, text normalization, quality filter, title/author/date normalization and
/// language identification, in that order. Either a <see cref="CleanedDocument"/> or a rejection with code and
/// reason; duplicates are the caller's (they need the other documents). Thread-safe when its steps are.
/// </summary>
public sealed class ArticleCleaner(HtmlToText html, QualityFilter quality, DateNormalizer dates, LanguageStep language)
{
    public const string HtmlToTextRepair = "html_to_text";

    /// <summary>
    /// The cleaner as the settings describe it (<see cref="CleaningOptions.MinTextChars"/>,
    /// <see cref="CleaningOptions.FutureDateToleranceMinutes"/>), identifying languages with
    /// <paramref name="languageModel"/> (the <c>langid</c> model, loaded once and shared).
    /// </summary>
    public static ArticleCleaner Create(CleaningOptions options, LanguageIdentifier languageModel)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(languageModel);
        return new ArticleCleaner(
            new HtmlToText(),
            new QualityFilter(options.MinTextChars),
            new DateNormalizer(options.FutureDateTolerance),
            new LanguageStep(languageModel));
    }

    /// <summary>True with <paramref name="document"/> set, or false with <paramref name="rejection"/> saying why.</summary>
    public bool TryClean(
        Article article,
        DateTimeOffset ingestedAt,
        [NotNullWhen(true)] out CleanedDocument? document,
        [NotNullWhen(false)] out QualityRejection? rejection)
    {
        ArgumentNullException.ThrowIfNull(article);
        document = null;
        var converted = html.Convert(article.Content);
        if (converted.Rejection != null)
        {
            rejection = converted.Rejection;
            return false;
        }

        var normalized = TextNormalizer.Normalize(converted.Text);
        rejection = quality.Check(normalized.Text, converted.BoilerplateRatio);
        if (rejection != null)
        {
            return false;
        }

        var repairs = converted.WasHtml ? [HtmlToTextRepair, .. normalized.Repairs] : normalized.Repairs;
        var title = article.Title == null ? null : TitleAuthorNormalizer.NormalizeTitle(TextNormalizer.Normalize(article.Title).Text, article.Source, article.Url);
        var authors = article.Author == null ? [] : TitleAuthorNormalizer.NormalizeAuthors(TextNormalizer.Normalize(article.Author).Text);
        var date = dates.Normalize(article.PublishedAtRaw, ingestedAt);
        var decision = language.Identify(normalized.Text, article.Language);
        document = new CleanedDocument
        {
            Id = article.Id,
            Title = title,
            Text = normalized.Text,
            Language = decision.Language,
            DetectedLanguage = decision.Detected,
            LanguageConfidence = decision.Confidence,
            LanguageDisagrees = decision.Disagrees,
            ContentHash = NearDuplicateDetector.ContentHash(normalized.Text),
            Authors = authors,
            PublishedAt = date.PublishedAt,
            DateFlags = date.Flags,
            PublishedAtRaw = article.PublishedAtRaw,
            Source = article.Source,
            Url = article.Url,
            ContentField = article.ContentField,
            BoilerplateRatio = converted.BoilerplateRatio,
            Repairs = repairs,
        };
        return true;
    }
}
