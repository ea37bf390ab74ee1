using Storytelling.Cleaning.Steps;

namespace Storytelling.Cleaning.Tests.Steps;

public sealed class TitleAuthorNormalizerTests
{
    [Theory]
    [InlineData("Storm floods harbor | Avel Courier", "Avel Courier", null, "Storm floods harbor")]
    [InlineData("Storm floods harbor - Avel Courier", "Avel Courier", null, "Storm floods harbor")]
    [InlineData("Storm floods harbor — AVEL COURIER", "Avel Courier", null, "Storm floods harbor")]
    [InlineData("Avel Courier | Storm floods harbor", "Avel Courier", null, "Storm floods harbor")]
    [InlineData("Storm floods harbor | Courier", null, "https://www.courier.example/a/1", "Storm floods harbor")]
    [InlineData("  Storm \n floods\t harbor  ", null, null, "Storm floods harbor")]
    [InlineData("Port Avel - the day after", "Avel Courier", null, "Port Avel - the day after")]
    [InlineData("Storm floods harbor | Other Paper", "Avel Courier", null, "Storm floods harbor | Other Paper")]
    public void Titles_lose_a_matching_site_name_and_extra_whitespace(string title, string? source, string? url, string expected)
    {
        Assert.Equal(expected, TitleAuthorNormalizer.NormalizeTitle(title, source, url));
    }

    [Fact]
    public void A_title_of_only_whitespace_is_null()
    {
        Assert.Null(TitleAuthorNormalizer.NormalizeTitle(" \n ", null, null));
        Assert.Null(TitleAuthorNormalizer.NormalizeTitle(null, null, null));
    }

    [Theory]
    [InlineData("By Jane Doe and John Roe", new[] { "Jane Doe", "John Roe" })]
    [InlineData("by: Jane Doe", new[] { "Jane Doe" })]
    [InlineData("Jane Doe, Staff Writer", new[] { "Jane Doe" })]
    [InlineData("Jane Doe (jane.doe@example.org)", new[] { "Jane Doe" })]
    [InlineData("Jane Doe jane.doe@example.org", new[] { "Jane Doe" })]
    [InlineData("By Jane Doe, John Roe & Ann Lee", new[] { "Jane Doe", "John Roe", "Ann Lee" })]
    [InlineData("Jane Doe - Senior Correspondent; John Roe", new[] { "Jane Doe", "John Roe" })]
    [InlineData("Mira Lund", new[] { "Mira Lund" })]
    [InlineData("Jane Doe and jane doe", new[] { "Jane Doe" })]
    [InlineData("Staff Reporter", new string[0])]
    [InlineData("  ", new string[0])]
    public void Author_lines_become_names(string author, string[] expected)
    {
        Assert.Equal(expected, TitleAuthorNormalizer.NormalizeAuthors(author));
    }
}
