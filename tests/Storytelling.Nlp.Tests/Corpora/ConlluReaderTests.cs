using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Tests.Corpora;

public sealed class ConlluReaderTests
{
    [Fact]
    public void Reads_words_metadata_multiword_tokens_and_skips_empty_nodes()
    {
        var sentences = TestData.Tiny();
        Assert.Equal(3, sentences.Count);
        Assert.Equal("s2", sentences[1].Id);
        Assert.Equal("She didn't sleep.", sentences[1].Text);
        Assert.Equal(["She", "did", "n't", "sleep", "."], sentences[1].Words.Select(w => w.Form));
        Assert.Equal(new ConlluMultiwordToken(2, 3, "didn't", true), Assert.Single(sentences[1].MultiwordTokens));
        Assert.False(sentences[1].Words[1].SpaceAfter);
        Assert.True(sentences[1].Words[2].SpaceAfter);
        Assert.Equal(4, sentences[2].Words.Count);
        Assert.True(sentences[0].StartsDocument);
        Assert.True(sentences[2].StartsParagraph);
    }

    [Fact]
    public void A_malformed_line_names_the_source_and_line()
    {
        var error = Assert.Throws<FormatException>(() => ConlluReader.Read(new StringReader("# text = x\n1\tx\tx\n"), "bad.conllu").ToList());
        Assert.StartsWith("bad.conllu:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gold_document_rebuilds_the_text_with_real_offsets()
    {
        var document = Document.FromConllu(TestData.Tiny(), "tiny", Annotations.Tags | Annotations.Lemmas | Annotations.Dependencies);
        Assert.Equal("The mayor visited the shelters. She didn't sleep.\n\nDogs bark loudly.", document.Text);
        Assert.Equal("n't", document.TokenString(8));
        Assert.Equal(3, document.Sentences.Length);
        Assert.Equal("not", document.Lemmas[8]);
        Assert.Equal(0, document.Heads[2]);
        Assert.Equal(new MultiwordToken(7, 8, "didn't"), Assert.Single(document.MultiwordTokens.ToArray()));
    }
}
