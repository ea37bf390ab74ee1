using Storytelling.Nlp.Lemmatization;
using Storytelling.Nlp.Models;

namespace Storytelling.Nlp.Tests.Lemmatization;

public sealed class LemmatizerTests
{
    [Fact]
    public void A_lemmatizer_trained_on_a_tiny_sample_lemmatizes_that_sample_and_generalises_its_edits()
    {
        var sentences = TestData.Tiny();
        var lemmatizer = LemmatizerTrainer.Train(sentences, new LemmatizerTrainingOptions { Epochs = 5 });
        foreach (var word in sentences.SelectMany(s => s.Words))
        {
            Assert.Equal(word.Lemma, lemmatizer.Lemmatize(word.Form, word.Upos, word.Xpos));
        }

        Assert.Equal("cat", lemmatizer.Lemmatize("cats", "NOUN", "NNS"));
    }

    [Fact]
    public void The_committed_model_lemmatizes_regular_and_irregular_forms()
    {
        var lemmatizer = Lemmatizer.Load(Path.Combine(TestData.ModelsDirectory(), "lemmatizer", ModelStore.ModelFileName));
        Assert.Equal("visit", lemmatizer.Lemmatize("visited", "VERB", "VBD"));
        Assert.Equal("shelter", lemmatizer.Lemmatize("shelters", "NOUN", "NNS"));
        Assert.Equal("go", lemmatizer.Lemmatize("went", "VERB", "VBD"));
        Assert.Equal("child", lemmatizer.Lemmatize("children", "NOUN", "NNS"));
        Assert.Equal("be", lemmatizer.Lemmatize("was", "AUX", "VBD"));
        Assert.Equal("good", lemmatizer.Lemmatize("better", "ADJ", "JJR"));
        Assert.Equal("the", lemmatizer.Lemmatize("The", "DET", "DT"));
        Assert.Equal("Obama", lemmatizer.Lemmatize("Obama", "PROPN", "NNP"));
    }
}
