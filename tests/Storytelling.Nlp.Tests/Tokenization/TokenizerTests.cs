using Storytelling.Nlp.Tokenization;

namespace Storytelling.Nlp.Tests.Tokenization;

public sealed class TokenizerTests
{
    private static string[] Tokens(string text) => [.. Tokenizer.Tokenize(text).Select(t => text[t.Start..t.End])];

    [Theory]
    [InlineData("Mr. Smith met Dr. Jones.", "Mr.|Smith|met|Dr.|Jones|.")]
    [InlineData("The U.S. economy grew, e.g. in Jan. 2024.", "The|U.S.|economy|grew|,|e.g.|in|Jan.|2024|.")]
    [InlineData("Acme Inc. said so.", "Acme|Inc.|said|so|.")]
    public void Abbreviations_keep_their_period(string text, string expected) =>
        Assert.Equal(expected.Split('|'), Tokens(text));

    [Theory]
    [InlineData("I don't know.", "I|do|n't|know|.")]
    [InlineData("She can't, won't and cannot.", "She|ca|n't|,|wo|n't|and|can|not|.")]
    [InlineData("It's John's and they're here, we'll see, I've, I'm, he'd.", "It|'s|John|'s|and|they|'re|here|,|we|'ll|see|,|I|'ve|,|I|'m|,|he|'d|.")]
    [InlineData("It’s Mary’s; they don’t.", "It|’s|Mary|’s|;|they|do|n’t|.")]
    [InlineData("I'm gonna go", "I|'m|gon|na|go")]
    public void Contractions_are_split_like_the_treebank_including_curly_apostrophes(string text, string expected) =>
        Assert.Equal(expected.Split('|'), Tokens(text));

    [Theory]
    [InlineData("See https://example.com/a?b=1&c=2, then www.test.org.", "See|https://example.com/a?b=1&c=2|,|then|www.test.org|.")]
    [InlineData("Mail jane.doe@example.co.uk or @jane_doe #news2024!", "Mail|jane.doe@example.co.uk|or|@jane_doe|#news2024|!")]
    public void Urls_emails_handles_and_hashtags_stay_whole(string text, string expected) =>
        Assert.Equal(expected.Split('|'), Tokens(text));

    [Theory]
    [InlineData("It cost $5.2 million, or €40 and 1,000.50 units at 3.5%.", "It|cost|$|5.2|million|,|or|€|40|and|1,000.50|units|at|3.5|%|.")]
    [InlineData("On 2024-03-05 and 05/03/2024 at 10:30 call 713-853-3989.", "On|2024-03-05|and|05/03/2024|at|10:30|call|713-853-3989|.")]
    public void Money_dates_times_and_numbers_follow_EWT(string text, string expected) =>
        Assert.Equal(expected.Split('|'), Tokens(text));

    [Theory]
    [InlineData("a well-known e-mail from non-profit groups", "a|well|-|known|e-mail|from|non-profit|groups")]
    [InlineData("He said \"stop\" (twice) -- then left...", "He|said|\"|stop|\"|(|twice|)|--|then|left|...")]
    [InlineData("'Hello,' she said.", "'|Hello|,|'|she|said|.")]
    public void Hyphens_quotes_and_brackets_follow_EWT(string text, string expected) =>
        Assert.Equal(expected.Split('|'), Tokens(text));

    [Fact]
    public void Emoji_are_tokens_of_their_own_and_emoticons_stay_whole()
    {
        Assert.Equal(["Great", "👍🏽", "day", ":)", "!"], Tokens("Great👍🏽 day :) !"));
        Assert.Equal(["I", "❤️", "it"], Tokens("I ❤️ it"));
    }

    [Fact]
    public void Non_Latin_scripts_are_tokenized_on_spaces_and_punctuation()
    {
        Assert.Equal(["Москва", "—", "столица", "."], Tokens("Москва — столица."));
        Assert.Equal(["東京は", "大きい", "。"], Tokens("東京は 大きい。"));
        Assert.Equal(["مرحبا", "بالعالم", "!"], Tokens("مرحبا بالعالم!"));
    }

    [Fact]
    public void A_very_long_token_is_one_token()
    {
        string word = new('a', 100_000);
        var tokens = Tokenizer.Tokenize($"x {word} y");
        Assert.Equal(3, tokens.Length);
        Assert.Equal(100_000, tokens[1].Length);
    }

    [Fact]
    public void Offsets_always_point_into_the_original_text_and_tokens_never_overlap()
    {
        var random = new Random(42);
        const string alphabet = "abcXYZ019 .,;:!?'\"’-–—/@#$€%()[]{}<>\n\t😀é東";
        for (int round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(0, 60)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            string text = new(chars);
            var tokens = Tokenizer.Tokenize(text);
            int previousEnd = 0;
            foreach (var token in tokens)
            {
                Assert.True(token.Start >= previousEnd, $"overlap in '{text}'");
                Assert.True(token.End > token.Start && token.End <= text.Length, $"bad span in '{text}'");
                Assert.False(string.IsNullOrWhiteSpace(text[token.Start..token.End]), $"blank token in '{text}'");
                previousEnd = token.End;
            }

            int covered = tokens.Sum(t => t.Length);
            Assert.Equal(text.Count(c => !char.IsWhiteSpace(c)), covered);
        }
    }
}
