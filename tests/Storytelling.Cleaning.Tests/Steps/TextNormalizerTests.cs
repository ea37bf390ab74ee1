using Storytelling.Cleaning.Steps;

namespace Storytelling.Cleaning.Tests.Steps;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("cafÃ©", "café")]
    [InlineData("donâ€™t panic", "don’t panic")]
    [InlineData("â€œQuoted,â€\u009D he said", "“Quoted,” he said")]
    [InlineData("MÃ¼nchen and ZÃ¼rich", "München and Zürich")]
    [InlineData("price â‚¬40", "price €40")]
    [InlineData("already fine: café, naïve, Zürich", "already fine: café, naïve, Zürich")]
    [InlineData("mixed: é then donâ€™t", "mixed: é then don’t")]
    [InlineData("Ã©Ã©", "éé")]
    [InlineData("emoji ðŸ˜€ broken", "emoji 😀 broken")]
    public void Mojibake_is_repaired_and_correct_text_left_alone(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input).Text);
    }

    [Fact]
    public void A_repair_is_named()
    {
        Assert.Contains(TextNormalizer.MojibakeRepaired, TextNormalizer.Normalize("cafÃ©").Repairs);
        Assert.Empty(TextNormalizer.Normalize("plain text").Repairs);
    }

    [Theory]
    [InlineData("Fish &amp; chips", "Fish & chips")]
    [InlineData("&quot;Hello&quot; &#8211; &#x2019;s", "\"Hello\" – ’s")]
    [InlineData("double &amp;amp; encoded", "double & encoded")]
    [InlineData("a&nbsp;b", "a b")]
    public void Html_entities_are_decoded(string input, string expected)
    {
        var result = TextNormalizer.Normalize(input);

        Assert.Equal(expected, result.Text);
        Assert.Contains(TextNormalizer.EntitiesDecoded, result.Repairs);
    }

    [Fact]
    public void Decomposed_characters_become_nfc()
    {
        var result = TextNormalizer.Normalize("cafe\u0301");

        Assert.Equal("caf\u00E9", result.Text);
        Assert.Contains(TextNormalizer.UnicodeNormalized, result.Repairs);
    }

    [Fact]
    public void Control_and_invisible_characters_are_removed_but_emoji_joiners_kept()
    {
        var result = TextNormalizer.Normalize("a\u0000b\u0007c zero\u200Bwidth soft\u00ADhyphen \uFEFFbom 👩\u200D💻");

        Assert.Equal("abc zerowidth softhyphen bom 👩\u200D💻", result.Text);
        Assert.Contains(TextNormalizer.ControlCharactersRemoved, result.Repairs);
        Assert.Contains(TextNormalizer.InvisibleCharactersRemoved, result.Repairs);
    }

    [Fact]
    public void Whitespace_is_collapsed_and_paragraphs_kept()
    {
        var text = "  First   line\t here. \r\nSecond\u00A0line.\r\n\r\n\r\n\r\n  Third paragraph.  \n";

        Assert.Equal("First line here.\nSecond line.\n\nThird paragraph.", TextNormalizer.Normalize(text).Text);
    }

    [Fact]
    public void Empty_text_stays_empty()
    {
        Assert.Equal("", TextNormalizer.Normalize("  \n\t ").Text);
    }
}
