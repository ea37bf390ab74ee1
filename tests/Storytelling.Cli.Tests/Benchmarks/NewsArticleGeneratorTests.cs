using System.Text;
using System.Text.RegularExpressions;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Cli.Benchmarks;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;

namespace Storytelling.Cli.Tests.Benchmarks;

public sealed class NewsArticleGeneratorTests
{
    private static readonly ArticleCleaner Cleaner = ArticleCleaner.Create(
        new CleaningOptions(), new ModelStore().Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load));

    [Fact]
    public void The_same_seed_gives_the_same_pages_and_another_seed_other_pages()
    {
        var first = new NewsArticleGenerator(seed: 7).Generate(20);
        var again = new NewsArticleGenerator(seed: 7).Generate(20);
        var other = new NewsArticleGenerator(seed: 8).Generate(20);

        Assert.Equal(first, again);
        Assert.Equal(20, first.Select(a => a.Id).Distinct().Count());
        Assert.Empty(first.Select(a => a.Content).Intersect(other.Select(a => a.Content)));
    }

    [Fact]
    public void Pages_are_5_to_12_kilobytes_of_html_with_the_parts_of_a_news_page()
    {
        var pages = new NewsArticleGenerator().Generate(300);

        Assert.All(pages, page =>
        {
            Assert.InRange(Encoding.UTF8.GetByteCount(page.Content), NewsArticleGenerator.MinPageBytes, NewsArticleGenerator.MaxPageBytes);
            Assert.StartsWith("<!DOCTYPE html>", page.Content, StringComparison.Ordinal);
            foreach (var part in new[] { "<script", "<style>", "<nav", "<h1", "class=\"share-tools\"", "newsletter-signup", "related-stories", "id=\"comments\"", "<footer" })
            {
                Assert.Contains(part, page.Content, StringComparison.Ordinal);
            }
        });
        Assert.True(pages.Select(p => p.Content).Distinct().Count() == pages.Count, "every page is different");
    }

    [Fact]
    public void Titles_authors_and_dates_come_in_the_forms_feeds_use()
    {
        var pages = new NewsArticleGenerator().Generate(300);

        Assert.Contains(pages, p => p.Title!.EndsWith(" | " + p.Source, StringComparison.Ordinal));
        Assert.Contains(pages, p => !p.Title!.Contains(p.Source!, StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Author is null);
        Assert.Contains(pages, p => p.Author?.StartsWith("By ", StringComparison.Ordinal) == true);
        Assert.Contains(pages, p => p.Author?.Contains(" and ", StringComparison.Ordinal) == true);
        Assert.Contains(pages, p => p.PublishedAtRaw is null);
        string[] shapes =
        [
            @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", @"^\w{3}, \d{2} \w{3} \d{4} [\d:]{8} GMT$",
            @"^\w{3}, \d{2} \w{3} \d{4} [\d:]{8} [+-]\d{4}$", @"^[A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d{2} [AP]M$", @"^\d{1,2} [A-Z][a-z]+ \d{4} \d{2}:\d{2} CET$",
            @"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", @"^\d{1,2}/\d{1,2}/\d{4}$", @"^\d{10}$",
        ];
        Assert.All(shapes, shape => Assert.Contains(pages, p => p.PublishedAtRaw is { } date && Regex.IsMatch(date, shape)));
    }

    [Fact]
    public void The_cleaner_keeps_the_story_and_drops_the_page_around_it()
    {
        var pages = new NewsArticleGenerator(seed: 11, stubShare: 0).Generate(60);

        Assert.All(pages, page =>
        {
            Assert.True(Cleaner.TryClean(page, NewsArticleGenerator.LatestPublication, out var document, out var rejection), rejection?.Reason);
            Assert.True(document.Text.Length > 1_000, $"{page.Id}: {document.Text.Length} characters");
            Assert.True(document.Text.Split("\n\n").Length >= 6, $"{page.Id}: fewer than 6 paragraphs");
            Assert.Equal("en", document.DetectedLanguage);
            foreach (var boilerplate in new[] { "Share on", "Sign up", "morning briefing", "Related stories", "Comments", "All rights reserved", "We use cookies", "Advertisement", "Read more" })
            {
                Assert.DoesNotContain(boilerplate, document.Text, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void Stub_pages_are_rejected_by_the_cleaner()
    {
        var stubs = new NewsArticleGenerator(seed: 11, stubShare: 1).Generate(20);

        Assert.All(stubs, stub => Assert.False(Cleaner.TryClean(stub, NewsArticleGenerator.LatestPublication, out _, out _), stub.Id));
    }

    [Fact]
    public async Task Jsonl_output_reads_back_as_the_same_articles()
    {
        var expected = new NewsArticleGenerator(seed: 5).Generate(25);
        using var jsonl = new MemoryStream();
        await new NewsArticleGenerator(seed: 5).WriteJsonlAsync(jsonl, 25, CancellationToken.None);
        jsonl.Position = 0;

        var read = new List<ArticleReadResult>();
        await foreach (var result in new ArticleReader().ReadAsync(jsonl, "generated.jsonl", CancellationToken.None))
        {
            read.Add(result);
        }

        Assert.Equal(25, read.Count);
        Assert.All(read, r => Assert.False(r.IsRejected, r.Rejected?.Reason));
        var articles = read.Select(r => r.Article!).ToList();
        Assert.Equal(expected.Select(a => a.Id), articles.Select(a => a.Id));
        Assert.Equal(expected.Select(a => a.Content), articles.Select(a => a.Content));
        Assert.Equal(expected.Select(a => a.Title), articles.Select(a => a.Title));
        Assert.Equal(expected.Select(a => a.Author), articles.Select(a => a.Author));
        Assert.Equal(expected.Select(a => a.PublishedAtRaw), articles.Select(a => a.PublishedAtRaw));
        Assert.Equal(expected.Select(a => a.Language), articles.Select(a => a.Language));
        Assert.All(articles, a => Assert.Equal(ContentField.Content, a.ContentField));
    }
}
