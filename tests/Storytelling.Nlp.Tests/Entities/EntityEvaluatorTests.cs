using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Entities;
using Storytelling.Nlp.Evaluation;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Tests.Entities;

public sealed class EntityEvaluatorTests
{
    private const string Gold = """
        # newdoc id = d1
        1	Tomas	B-PER
        2	Reinholt	I-PER
        3	met	O
        4	Ann	B-PER
        5	Lee	I-PER
        6	in	O
        7	Paris	B-LOC
        8	.	O

        1	Kessler	B-ORG
        2	Steel	I-ORG
        3	hired	O
        4	5	O
        5	people	O
        6	on	O
        7	Monday	O
        8	.	O

        """;

    // PER: one right, "Ann" has the wrong boundary; LOC: Paris right, "hired" wrong; ORG missed; DATE is not scored.
    private const string System = """
        1	Tomas	B-PER
        2	Reinholt	I-PER
        3	met	O
        4	Ann	B-PER
        5	Lee	O
        6	in	O
        7	Paris	B-LOC
        8	.	O

        1	Kessler	O
        2	Steel	O
        3	hired	B-LOC
        4	5	O
        5	people	O
        6	on	O
        7	Monday	B-DATE
        8	.	O

        """;

    private static List<Iob2Sentence> Read(string text, string name) => [.. Iob2Reader.Read(new StringReader(text), name)];

    [Fact]
    public void Exact_span_scores_match_a_hand_computed_example_and_other_types_are_ignored()
    {
        var result = EntityEvaluator.Compare(Read(Gold, "gold.iob2"), Read(System, "system.iob2"));
        Assert.Equal(
            """{"precision":50,"recall":50,"f1":50,"per_type":{"PER":{"precision":50,"recall":50,"f1":50},"ORG":{"precision":0,"recall":0,"f1":0},"LOC":{"precision":50,"recall":100,"f1":66.67}}}""",
            EntityEvaluator.ToJson(result));
        Assert.Equal(16, result.Tokens);
    }

    [Fact]
    public void A_pipeline_is_scored_on_the_gold_tokens()
    {
        var result = EntityEvaluator.Evaluate(Read(Gold, "gold.iob2"), new NlpPipeline([new ParisAndMondayFinder()], Iob2Documents.Provided));
        Assert.Equal((100, 25, 40), (result.Precision, result.Recall, result.F1));
        Assert.Equal(new EntityTypeScore(100, 100, 100, 1, 1, 1), result.PerType["LOC"]);
        Assert.Equal(16, result.Tokens);
    }

    [Fact]
    public void Sentences_with_different_token_counts_cannot_be_compared()
    {
        var error = Assert.Throws<ArgumentException>(() => EntityEvaluator.Compare(Read(Gold, "gold.iob2"), Read("1\tTomas\tB-PER\n\n1\tx\tO\n", "system.iob2")));
        Assert.Contains("system.iob2:1", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Marks "Paris" LOC and "Monday" DATE.</summary>
    private sealed class ParisAndMondayFinder : INlpComponent
    {
        public string Name => "paris";

        public Annotations Requires => Annotations.Tokens;

        public Annotations Produces => Annotations.Entities;

        public void Process(Document document, CancellationToken cancellationToken)
        {
            var spans = new List<EntitySpan>();
            for (int t = 0; t < document.TokenCount; t++)
            {
                if (document.TokenString(t) is "Paris" or "Monday")
                {
                    spans.Add(EntitySpan.Create(document, t, t + 1, document.TokenString(t) == "Paris" ? "LOC" : "DATE"));
                }
            }

            document.SetEntities([.. spans]);
        }
    }
}
