using Storytelling.Nlp.Parsing.Internal;
using Storytelling.Nlp.Tagging;

namespace Storytelling.Nlp.Tests.Parsing;

public sealed class JackknifeTaggingTests
{
    [Fact]
    public void Every_training_sentence_gets_predicted_tags_and_keeps_its_gold_tree()
    {
        var sentences = TinyTreebank.Read();

        var tagged = JackknifeTagging.Tag(sentences, folds: 2, new PosTaggerTrainingOptions { Epochs = 2 }, TextWriter.Null, CancellationToken.None);

        Assert.Equal(sentences.Count, tagged.Count);
        for (var s = 0; s < sentences.Count; s++)
        {
            var words = sentences[s].Words;
            Assert.Equal(words.Count, tagged[s].WordCount);
            for (var i = 1; i <= words.Count; i++)
            {
                Assert.Equal(words[i - 1].Form, tagged[s].Forms[i]);
                Assert.Equal(words[i - 1].Head, tagged[s].Heads[i]);
                Assert.False(string.IsNullOrEmpty(tagged[s].Xpos[i]));
                Assert.False(string.IsNullOrEmpty(tagged[s].Upos[i]));
            }
        }
    }
}
