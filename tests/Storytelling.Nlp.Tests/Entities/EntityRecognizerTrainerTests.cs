using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Entities;
using Storytelling.Nlp.Evaluation;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Tests.Entities;

public sealed class EntityRecognizerTrainerTests
{
    internal const string Tiny = """
        # newdoc id = t1
        1	Tomas	B-PER
        2	Reinholt	I-PER
        3	runs	O
        4	Kessler	B-ORG
        5	Steel	I-ORG
        6	in	O
        7	Port	B-LOC
        8	Avel	I-LOC
        9	.	O

        1	Reinholt	B-PER
        2	visited	O
        3	Paris	B-LOC
        4	on	O
        5	Monday	O
        6	.	O

        # newdoc id = t2
        1	Anna	B-PER
        2	Berg	I-PER
        3	joined	O
        4	the	O
        5	Norland	B-ORG
        6	Shipping	I-ORG
        7	Company	I-ORG
        8	.	O

        1	She	O
        2	lives	O
        3	in	O
        4	Oslo	B-LOC
        5	,	O
        6	near	O
        7	the	O
        8	fjord	O
        9	.	O

        1	Berg	B-PER
        2	said	O
        3	Norland	B-ORG
        4	grew	O
        5	.	O

        """;

    internal static List<Iob2Sentence> TinySentences() => [.. Iob2Reader.Read(new StringReader(Tiny), "tiny.iob2")];

    internal static EntityRecognizer TrainTiny(int seed = 1) => EntityRecognizerTrainer.Train(
        TinySentences(), null, new ConstantTagger(), new EntityRecognizerTrainingOptions { EpochCandidates = [15], Seed = seed, Folds = 1 });

    [Fact]
    public void A_recognizer_trained_on_a_tiny_sample_labels_that_sample_perfectly()
    {
        var recognizer = TrainTiny();
        var result = EntityEvaluator.Evaluate(TinySentences(), new NlpPipeline([new ConstantTagger(), recognizer], Iob2Documents.Provided));
        Assert.Equal(100, result.F1);
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        string first = Path.GetTempFileName(), second = Path.GetTempFileName();
        try
        {
            TrainTiny(seed: 7).Save(first);
            TrainTiny(seed: 7).Save(second);
            Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    [Fact]
    public void Training_data_without_entities_is_rejected()
    {
        var sentences = Iob2Reader.Read(new StringReader("1\tHello\tO\n"), "empty.iob2").ToList();
        Assert.Throws<ArgumentException>(() => EntityRecognizerTrainer.Train(sentences, null, new ConstantTagger(), new EntityRecognizerTrainingOptions()));
    }

    /// <summary>Tags every token X, so tests do not depend on the tagger model.</summary>
    internal sealed class ConstantTagger : INlpComponent
    {
        public string Name => "constant-tagger";

        public Annotations Requires => Annotations.Tokens | Annotations.Sentences;

        public Annotations Produces => Annotations.Tags;

        public void Process(Document document, CancellationToken cancellationToken)
        {
            document.Upos.Fill("X");
            document.Xpos.Fill("X");
            document.MarkProduced(Annotations.Tags);
        }
    }
}
