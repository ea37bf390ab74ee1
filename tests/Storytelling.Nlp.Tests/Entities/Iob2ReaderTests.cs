using Storytelling.Nlp.Corpora;

namespace Storytelling.Nlp.Tests.Entities;

public sealed class Iob2ReaderTests
{
    private static List<Iob2Sentence> Read(string text) => [.. Iob2Reader.Read(new StringReader(text), "sample.iob2")];

    [Fact]
    public void Sentences_keep_forms_tags_ids_and_document_starts()
    {
        var sentences = Read("""
            # newdoc id = d1
            # sent_id = d1-0001
            # text = Tomas Reinholt left Paris.
            1	Tomas	B-PER	-	ann
            2	Reinholt	I-PER	-	ann
            3	left	O	-	-
            4	Paris	B-LOC	-	ann
            5	.	O	-	-

            # sent_id = d1-0002
            1	Fine	O

            # newdoc id = d2
            1	Hi	O	-	-

            """);

        Assert.Equal(3, sentences.Count);
        Assert.Equal(["Tomas", "Reinholt", "left", "Paris", "."], sentences[0].Forms);
        Assert.Equal(["B-PER", "I-PER", "O", "B-LOC", "O"], sentences[0].Tags);
        Assert.Equal("d1-0001", sentences[0].Id);
        Assert.Equal("Tomas Reinholt left Paris.", sentences[0].Text);
        Assert.True(sentences[0].StartsDocument);
        Assert.False(sentences[1].StartsDocument);
        Assert.True(sentences[2].StartsDocument);
        Assert.Equal(2, Iob2Documents.Group(sentences).Count());
    }

    [Fact]
    public void The_last_sentence_needs_no_trailing_blank_line()
    {
        var sentences = Read("1\tA\tO\n2\tB\tB-ORG");
        Assert.Single(sentences);
        Assert.Equal(["O", "B-ORG"], sentences[0].Tags);
    }

    [Theory]
    [InlineData("1\tParis\tB-LOC\n3\tis\tO\n", 2, "token id '3'")]
    [InlineData("1\tParis\n", 1, "at least 3")]
    [InlineData("1\tParis\tLOC\n", 1, "tag 'LOC'")]
    [InlineData("1\tParis\tB-\n", 1, "tag 'B-'")]
    [InlineData("x\tParis\tO\n", 1, "token id 'x'")]
    [InlineData("1\t\tO\n", 1, "empty token form")]
    [InlineData("1\tA\tO\n# text = late\n", 2, "comment inside a sentence")]
    public void A_bad_line_names_the_file_and_line(string text, int line, string problem)
    {
        var error = Assert.Throws<FormatException>(() => Read(text));
        Assert.StartsWith($"sample.iob2:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Iob2Reader.ReadFile("/no/such/file.iob2"));
        Assert.Contains("/no/such/file.iob2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_built_from_sentences_carry_gold_entities_with_offsets()
    {
        var sentences = Read("1\tTomas\tB-PER\n2\tReinholt\tI-PER\n3\tleft\tO\n\n1\tPort\tB-LOC\n2\tAvel\tI-LOC\n3\t.\tO\n");
        var document = Iob2Documents.ToDocument(sentences, "d", goldEntities: true);
        Assert.Equal("Tomas Reinholt left Port Avel .", document.Text);
        Assert.Equal(2, document.Sentences.Length);
        Assert.Equal(
            [("PER", "Tomas Reinholt"), ("LOC", "Port Avel")],
            document.Entities.Select(e => (e.Type, document.Text[e.Start..e.End])));
    }
}
