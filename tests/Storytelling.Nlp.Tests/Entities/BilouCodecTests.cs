using Storytelling.Nlp.Entities;

namespace Storytelling.Nlp.Tests.Entities;

public sealed class BilouCodecTests
{
    [Fact]
    public void Encoding_then_decoding_gives_back_the_spans()
    {
        LabeledSpan[] spans = [new(0, 2, "PER"), new(3, 4, "LOC"), new(5, 8, "ORG"), new(8, 9, "ORG")];
        var labels = BilouCodec.Encode(10, spans);
        Assert.Equal(["B-PER", "L-PER", "O", "U-LOC", "O", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "O"], labels);
        Assert.Equal(spans, BilouCodec.Decode(labels));
    }

    [Fact]
    public void Iob2_tags_become_spans_and_an_orphan_I_starts_an_entity()
    {
        string[] tags = ["B-PER", "I-PER", "I-LOC", "O", "I-ORG", "B-ORG", "I-ORG"];
        Assert.Equal(
            [new LabeledSpan(0, 2, "PER"), new(2, 3, "LOC"), new(4, 5, "ORG"), new(5, 7, "ORG")],
            BilouCodec.SpansFromIob2(tags));
    }

    [Theory]
    [InlineData("B-PER O", "0-1 PER")]
    [InlineData("B-PER B-PER L-PER", "0-1 PER;1-3 PER")]
    [InlineData("I-PER L-PER", "0-2 PER")]
    [InlineData("L-LOC", "0-1 LOC")]
    [InlineData("B-PER I-LOC L-LOC", "0-1 PER;1-3 LOC")]
    [InlineData("B-ORG I-ORG", "0-2 ORG")]
    [InlineData("U-PER I-PER", "0-1 PER;1-2 PER")]
    [InlineData("O I-ORG O", "1-2 ORG")]
    public void Invalid_sequences_are_repaired_into_maximal_runs(string labels, string expected)
    {
        var spans = BilouCodec.Decode(labels.Split(' '));
        Assert.Equal(expected, string.Join(";", spans.Select(s => $"{s.Start}-{s.End} {s.Type}")));
    }

    [Fact]
    public void Overlapping_spans_cannot_be_encoded()
    {
        Assert.Throws<ArgumentException>(() => BilouCodec.Encode(4, [new LabeledSpan(0, 2, "PER"), new LabeledSpan(1, 3, "LOC")]));
    }
}
