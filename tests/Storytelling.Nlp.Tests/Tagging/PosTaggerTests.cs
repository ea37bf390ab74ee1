using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tagging;
using Storytelling.Nlp.Tokenization;

namespace Storytelling.Nlp.Tests.Tagging;

public sealed class PosTaggerTests
{
    private static readonly Lazy<PosTagger> Committed = new(() => PosTagger.Load(Path.Combine(TestData.ModelsDirectory(), "tagger", ModelStore.ModelFileName)));

    private static Document Tagged(PosTagger tagger, string text)
    {
        var document = new Document(text, "test");
        new NlpPipeline([new Tokenizer(), new SentenceSplitter(), tagger]).Process(document);
        return document;
    }

    [Fact]
    public void A_tagger_trained_on_a_tiny_sample_tags_that_sample_perfectly()
    {
        var sentences = TestData.Tiny();
        var tagger = PosTaggerTrainer.Train(sentences, new PosTaggerTrainingOptions { Epochs = 10, Seed = 3 });
        var document = Document.FromConllu(sentences, "tiny");
        tagger.Process(document, CancellationToken.None);
        var words = sentences.SelectMany(s => s.Words).ToList();
        Assert.Equal(words.Select(w => w.Upos), document.Upos.ToArray());
        Assert.Equal(words.Select(w => w.Xpos), document.Xpos.ToArray());
    }

    [Fact]
    public void A_saved_tagger_loads_and_tags_the_same()
    {
        var sentences = TestData.Tiny();
        var tagger = PosTaggerTrainer.Train(sentences, new PosTaggerTrainingOptions { Epochs = 5 });
        string path = Path.Combine(Directory.CreateTempSubdirectory("tagger-test").FullName, "model.bin");
        tagger.Save(path);
        var loaded = PosTagger.Load(path);
        Assert.Equal(Tagged(tagger, "The dogs visited the mayor.").Xpos.ToArray(), Tagged(loaded, "The dogs visited the mayor.").Xpos.ToArray());
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void Precomputed_word_scores_tag_exactly_like_scoring_every_feature()
    {
        var sentences = TestData.Tiny();
        var uncached = PosTaggerTrainer.Train(sentences, new PosTaggerTrainingOptions { Epochs = 5, CachedWordMinCount = int.MaxValue });
        var cached = new PosTagger(uncached, [.. sentences.SelectMany(s => s.Words).Select(w => w.Form).Distinct()]);
        const string text = "Dogs visited the mayor. She didn't bark loudly at the shelters.";

        Assert.Equal(0, uncached.CachedWordCount);
        Assert.True(cached.CachedWordCount > 5);
        Assert.Equal(Tagged(uncached, text).Xpos.ToArray(), Tagged(cached, text).Xpos.ToArray());
        Assert.Equal(Tagged(uncached, text).Upos.ToArray(), Tagged(cached, text).Upos.ToArray());
    }

    [Fact]
    public void The_committed_model_tags_a_news_sentence_sensibly()
    {
        var document = Tagged(Committed.Value, "The mayor visited the shelters on Monday.");
        Assert.Equal(["DET", "NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"], document.Upos.ToArray());
        Assert.Equal(["DT", "NN", "VBD", "DT", "NNS", "IN", "NNP", "."], document.Xpos.ToArray());
    }

    [Fact]
    public void Tagging_documents_in_parallel_equals_tagging_them_serially()
    {
        string[] texts = [.. Enumerable.Range(0, 64).Select(i =>
            $"Officials in city {i} said on Tuesday that {i * 3} people were evacuated. The storm didn't stop; it's moving north at {i} km/h.")];
        var serial = texts.Select(t => Tagged(Committed.Value, t).Xpos.ToArray()).ToList();
        var parallel = new string[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Tagged(Committed.Value, texts[i]).Xpos.ToArray());
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(serial[i], parallel[i]);
        }
    }
}
