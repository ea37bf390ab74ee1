using Storytelling.Nlp.Tokenization;

namespace Storytelling.Nlp.Tests.Tokenization;

public sealed class SentenceSplitterTests
{
    private static string[] Sentences(string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        return [.. SentenceSplitter.Split(text, tokens).Select(s => text[tokens[s.Start].Start..tokens[s.End - 1].End])];
    }

    [Fact]
    public void Terminal_punctuation_ends_a_sentence() =>
        Assert.Equal(["It rained.", "Was it cold?", "Yes!"], Sentences("It rained. Was it cold? Yes!"));

    [Fact]
    public void Titles_and_initials_do_not_end_a_sentence() =>
        Assert.Equal(["Mr. Smith met Dr. J. Jones at 5 p.m. on Monday.", "They talked."], Sentences("Mr. Smith met Dr. J. Jones at 5 p.m. on Monday. They talked."));

    [Fact]
    public void Closing_quotes_and_brackets_stay_with_their_sentence() =>
        Assert.Equal(["He said \"Go.\"", "(She left.)", "Then silence."], Sentences("He said \"Go.\" (She left.) Then silence."));

    [Fact]
    public void Blank_lines_and_headline_lines_end_a_sentence() =>
        Assert.Equal(["Storm hits coast", "Thousands lost power", "It was bad."], Sentences("Storm hits coast\n\nThousands lost power\nIt was bad."));

    [Fact]
    public void Company_abbreviation_ends_a_sentence_only_before_a_capitalised_word() =>
        Assert.Equal(["He joined Acme Inc. last year and left Acme Inc.", "Then he retired."], Sentences("He joined Acme Inc. last year and left Acme Inc. Then he retired."));

    [Fact]
    public void Decimal_numbers_and_ellipses_inside_a_sentence_do_not_split() =>
        Assert.Equal(["Growth was 3.5 percent... or so they said."], Sentences("Growth was 3.5 percent... or so they said."));
}
