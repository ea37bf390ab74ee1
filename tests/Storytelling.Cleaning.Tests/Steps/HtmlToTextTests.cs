using System.Text;
using Storytelling.Cleaning.Steps;

namespace Storytelling.Cleaning.Tests.Steps;

public sealed class HtmlToTextTests
{
    private const string NewsPage = """
        <!DOCTYPE html>
        <html><head><title>Storm floods harbor | Avel Courier</title><style>p { color: red }</style>
        <script>var tracking = "do not keep";</script></head>
        <body>
          <header class="site-header"><a href="/">Avel Courier</a> <a href="/news">News</a></header>
          <nav><ul><li><a href="/a">Home</a></li><li><a href="/b">World</a></li></ul></nav>
          <div class="cookie-banner">We use cookies. Accept all?</div>
          <article>
            <h1>Storm floods harbor district</h1>
            <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
            <p>Heavy rain and a storm surge flooded the harbor district of Port Avel on Sunday night.</p>
            <p>The city's emergency service said two people were injured<br>when a wall collapsed on Quay Street.</p>
            <ul><li>300 residents evacuated</li><li>Two injured</li></ul>
            <div class="newsletter-signup"><p>Subscribe to our newsletter for daily updates!</p><button>Sign up</button></div>
            <section class="comments"><p>Reader42: terrible news, stay safe everyone.</p></section>
          </article>
          <aside><h2>Most read</h2><p>Celebrity chef opens restaurant.</p></aside>
          <div id="related-stories"><a href="/x">Earlier: harbor wall repairs delayed</a></div>
          <div class="ad-slot">Buy now! 50% off</div>
          <footer>© 2026 Avel Courier. All rights reserved.</footer>
        </body></html>
        """;

    private readonly HtmlToText _converter = new();

    [Fact]
    public void Article_text_is_kept_with_paragraphs_lines_and_breaks()
    {
        var result = _converter.Convert(NewsPage);

        Assert.True(result.WasHtml);
        Assert.Null(result.Rejection);
        Assert.Equal(
            "Storm floods harbor district\n\n"
            + "Heavy rain and a storm surge flooded the harbor district of Port Avel on Sunday night.\n\n"
            + "The city's emergency service said two people were injured\nwhen a wall collapsed on Quay Street.\n\n"
            + "300 residents evacuated\nTwo injured",
            result.Text);
    }

    [Theory]
    [InlineData("do not keep")]
    [InlineData("color: red")]
    [InlineData("News")]
    [InlineData("Home")]
    [InlineData("cookies")]
    [InlineData("Share on Facebook")]
    [InlineData("newsletter")]
    [InlineData("Sign up")]
    [InlineData("Reader42")]
    [InlineData("Celebrity chef")]
    [InlineData("harbor wall repairs")]
    [InlineData("Buy now")]
    [InlineData("All rights reserved")]
    public void Boilerplate_is_removed(string boilerplate)
    {
        Assert.DoesNotContain(boilerplate, _converter.Convert(NewsPage).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Boilerplate_ratio_measures_the_removed_share_of_visible_text()
    {
        var page = _converter.Convert(NewsPage);
        var clean = _converter.Convert("<p>Only article text here, nothing else at all.</p>");

        Assert.InRange(page.BoilerplateRatio, 0.3, 0.8);
        Assert.Equal(0, clean.BoilerplateRatio);
    }

    [Fact]
    public void Without_article_element_the_block_with_most_paragraph_text_is_chosen()
    {
        var html = """
            <body><div class="top"><a href="/">Home</a> | <span>Tuesday weather: sunny</span></div>
            <div class="story"><p>First paragraph of the story about the harbor.</p><p>Second paragraph with more detail about the flood.</p></div>
            <div class="bottom"><span>Contact us at the front desk.</span></div></body>
            """;

        Assert.Equal(
            "First paragraph of the story about the harbor.\n\nSecond paragraph with more detail about the flood.",
            _converter.Convert(html).Text);
    }

    [Fact]
    public void Item_prop_article_body_is_preferred()
    {
        var html = "<div><p>Teaser elsewhere on the page.</p></div><div itemprop=\"articleBody\"><p>The real body.</p></div>";

        Assert.Equal("The real body.", _converter.Convert(html).Text);
    }

    [Fact]
    public void Link_lists_inside_the_article_are_dropped()
    {
        var html = "<article><p>Story text that matters.</p><ul><li><a href=\"/1\">Other story one</a></li><li><a href=\"/2\">Other story two</a></li></ul></article>";

        Assert.Equal("Story text that matters.", _converter.Convert(html).Text);
    }

    [Fact]
    public void Entities_in_html_are_decoded()
    {
        Assert.Equal("Fish & chips – “fresh”", _converter.Convert("<p>Fish &amp; chips &ndash; &ldquo;fresh&rdquo;</p>").Text);
    }

    [Theory]
    [InlineData("If a < b and b > c then a < c.")]
    [InlineData("Scores: home 3 <-> away 2, x<5.")]
    [InlineData("Plain text\n\nwith paragraphs   and  spaces.")]
    public void Plain_text_with_a_stray_angle_bracket_is_returned_unchanged(string text)
    {
        var result = _converter.Convert(text);

        Assert.False(result.WasHtml);
        Assert.Equal(text, result.Text);
        Assert.Equal(0, result.BoilerplateRatio);
    }

    [Fact]
    public void Hundred_thousand_nested_divs_are_rejected_as_too_deep_without_crashing()
    {
        var html = new StringBuilder();
        html.Insert(0, "<div>", 100_000).Append("deep text").Insert(html.Length, "</div>", 100_000);

        var result = _converter.Convert(html.ToString());

        Assert.Equal(HtmlToText.HtmlTooDeep, result.Rejection?.Code);
        Assert.Contains("256", result.Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal("", result.Text);
    }

    [Fact]
    public void Nesting_below_the_limit_is_parsed()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 200)) + "<p>Deep but fine.</p>" + string.Concat(Enumerable.Repeat("</div>", 200));

        Assert.Equal("Deep but fine.", _converter.Convert(html).Text);
    }

    [Fact]
    public void Unclosed_paragraphs_do_not_count_as_nesting()
    {
        var html = "<body>" + string.Concat(Enumerable.Repeat("<p>line of text", 1000)) + "</body>";

        var result = _converter.Convert(html);

        Assert.Null(result.Rejection);
        Assert.Equal(1000, result.Text.Split("\n\n").Length);
    }

    [Fact]
    public void A_five_megabyte_document_is_rejected_as_too_large()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<p>Some paragraph text of a very long page.</p>", 5 * 1024 * 1024 / 48 + 1)) + "</body></html>";

        var result = _converter.Convert(html);

        Assert.True(html.Length > 5_000_000);
        Assert.Equal(HtmlToText.HtmlTooLarge, result.Rejection?.Code);
        Assert.Contains("4,000,000", result.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_document_under_a_raised_limit_is_converted()
    {
        var converter = new HtmlToText(new HtmlToTextOptions { MaxHtmlChars = 6_000_000 });
        var html = "<article>" + string.Concat(Enumerable.Repeat("<p>Some paragraph text of a very long page.</p>", 110_000)) + "</article>";

        var result = converter.Convert(html);

        Assert.Null(result.Rejection);
        Assert.StartsWith("Some paragraph text of a very long page.\n\nSome", result.Text, StringComparison.Ordinal);
    }
}
