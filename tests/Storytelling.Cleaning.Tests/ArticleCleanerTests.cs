using Storytelling.Articles;
using Storytelling.Cleaning.Duplicates;
using Storytelling.Cleaning.Steps;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;

namespace Storytelling.Cleaning.Tests;

public sealed class ArticleCleanerTests
{
    private const string Body = "<p>Heavy rain and a storm surge flooded the harbor district of Port Avel on Sunday night, forcing about 300 residents from their homes.</p>"
        + "<p>The city&rsquo;s emergency service said two people were injured when a wall collapsed on Quay Street.</p>";

    private static readonly DateTimeOffset Ingested = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly ArticleCleaner Cleaner = new(
        new HtmlToText(),
        new QualityFilter(minTextChars: 200),
        new DateNormalizer(TimeSpan.FromMinutes(10)),
        new LanguageStep(new ModelStore().Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load)));

    [Fact]
    public void An_html_article_becomes_a_cleaned_document()
    {
        var article = Article($"<html><body><nav><a href=\"/\">Home</a></nav><article>{Body}</article><footer>© Avel Courier</footer></body></html>") with
        {
            Title = "Storm floods harbor | Avel Courier",
            Author = "By Mira Lund and Jon Berg, Staff Writers",
            PublishedAtRaw = "Mon, 02 Mar 2026 07:40:00 CET",
        };

        Assert.True(Cleaner.TryClean(article, Ingested, out var document, out _));
        Assert.Equal("a-1", document.Id);
        Assert.Equal("Storm floods harbor", document.Title);
        Assert.StartsWith("Heavy rain", document.Text, StringComparison.Ordinal);
        Assert.Contains("homes.\n\nThe city’s emergency", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Home", document.Text, StringComparison.Ordinal);
        Assert.Equal(["Mira Lund", "Jon Berg"], document.Authors);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 6, 40, 0, TimeSpan.Zero), document.PublishedAt);
        Assert.Equal("en", document.Language);
        Assert.Equal(NearDuplicateDetector.ContentHash(document.Text), document.ContentHash);
        Assert.Contains(ArticleCleaner.HtmlToTextRepair, document.Repairs);
        Assert.InRange(document.BoilerplateRatio, 0.01, 0.2);
    }

    [Fact]
    public void A_future_date_is_flagged_and_dropped()
    {
        var article = Article(Body) with { PublishedAtRaw = "2026-03-11T00:00:00Z" };

        Assert.True(Cleaner.TryClean(article, Ingested, out var document, out _));
        Assert.Null(document.PublishedAt);
        Assert.Contains(DateNormalizer.FutureDate, document.DateFlags);
    }

    [Fact]
    public void A_short_article_is_rejected_with_the_quality_reason()
    {
        Assert.False(Cleaner.TryClean(Article("<p>Storm hits harbor.</p>"), Ingested, out _, out var rejection));
        Assert.Equal(QualityFilter.TooShort, rejection.Code);
    }

    [Fact]
    public void Too_deep_html_is_rejected_before_parsing()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 10_000)) + Body;

        Assert.False(Cleaner.TryClean(Article(html), Ingested, out _, out var rejection));
        Assert.Equal(HtmlToText.HtmlTooDeep, rejection.Code);
    }

    [Fact]
    public void Plain_text_with_mojibake_is_repaired_and_a_given_language_kept()
    {
        var text = "Heavy rain flooded the harbor district of Port Avel on Sunday night, the cityâ€™s emergency service said. "
            + "About 300 residents left their homes, and two people were injured when a wall collapsed on Quay Street.";

        Assert.True(Cleaner.TryClean(Article(text) with { Language = "de" }, Ingested, out var document, out _));
        Assert.Contains("city’s", document.Text, StringComparison.Ordinal);
        Assert.Contains(TextNormalizer.MojibakeRepaired, document.Repairs);
        Assert.DoesNotContain(ArticleCleaner.HtmlToTextRepair, document.Repairs);
        Assert.Equal("de", document.Language);
        Assert.True(document.LanguageDisagrees);
    }

    private static Article Article(string content) => new()
    {
        Id = "a-1",
        IdWasDerived = false,
        Content = content,
        ContentField = ContentField.Html,
        Source = "Avel Courier",
        Origin = new InputLocation("test.jsonl", 1),
    };
}
