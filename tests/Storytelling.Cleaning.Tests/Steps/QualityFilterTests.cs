using System.Text;
using Storytelling.Cleaning.Steps;

namespace Storytelling.Cleaning.Tests.Steps;

public sealed class QualityFilterTests
{
    private const string Story = "Heavy rain and a storm surge flooded the harbor district of Port Avel on Sunday night, forcing about 300 residents "
        + "from their homes. The city's emergency service said two people were injured when a wall collapsed on Quay Street.";

    private readonly QualityFilter _filter = new(minTextChars: 200);

    [Fact]
    public void A_normal_article_passes()
    {
        Assert.Null(_filter.Check(Story, boilerplateRatio: 0.4));
    }

    [Fact]
    public void Short_text_is_rejected_with_its_length_and_the_limit()
    {
        var rejection = _filter.Check("Storm hits harbor.", 0);

        Assert.Equal(QualityFilter.TooShort, rejection?.Code);
        Assert.Contains("18 characters", rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("200", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Mostly_boilerplate_with_little_text_left_is_rejected()
    {
        var rejection = _filter.Check(Story, boilerplateRatio: 0.95);

        Assert.Equal(QualityFilter.MostlyBoilerplate, rejection?.Code);
        Assert.Contains("95%", rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("90%", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_article_on_a_heavy_page_is_kept()
    {
        var longText = string.Join("\n\n", Enumerable.Range(1, 10).Select(i => $"Paragraph {i}: {Story}"));

        Assert.Null(_filter.Check(longText, boilerplateRatio: 0.95));
    }

    [Fact]
    public void Repeated_lines_are_rejected()
    {
        var text = string.Join('\n', Enumerable.Repeat("Click here to read the full story on our website today.", 6).Append(Story));

        var rejection = _filter.Check(text, 0);

        Assert.Equal(QualityFilter.RepeatedLines, rejection?.Code);
        Assert.Contains("6 of 7 lines", rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Base64_is_rejected_as_non_text()
    {
        var bytes = new byte[600];
        new Random(7).NextBytes(bytes);

        var rejection = _filter.Check("Attachment:\n" + Convert.ToBase64String(bytes), 0);

        Assert.Equal(QualityFilter.NonText, rejection?.Code);
        Assert.Contains("without a space", rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_junk_is_rejected_as_non_text()
    {
        var junk = new StringBuilder();
        var random = new Random(3);
        for (var i = 0; i < 400; i++)
        {
            junk.Append((char)random.Next(0x21, 0x40)).Append(i % 7 == 0 ? " " : "");
        }

        var rejection = _filter.Check(junk.ToString(), 0);

        Assert.Equal(QualityFilter.NonText, rejection?.Code);
        Assert.Contains("are letters", rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_replacement_characters_are_rejected_as_non_text()
    {
        var rejection = _filter.Check(Story.Replace('e', '\uFFFD'), 0);

        Assert.Equal(QualityFilter.NonText, rejection?.Code);
        Assert.Contains("U+FFFD", rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_latin_scripts_count_as_text()
    {
        var greek = string.Concat(Enumerable.Repeat("Η καταιγίδα πλημμύρισε το λιμάνι της πόλης το βράδυ της Κυριακής. ", 5));
        var hindi = string.Concat(Enumerable.Repeat("रविवार रात भारी बारिश से बंदरगाह क्षेत्र में बाढ़ आ गई। ", 6));

        Assert.Null(_filter.Check(greek, 0));
        Assert.Null(_filter.Check(hindi, 0));
    }
}
