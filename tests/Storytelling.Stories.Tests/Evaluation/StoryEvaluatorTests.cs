using Storytelling.Stories.Evaluation;

namespace Storytelling.Stories.Tests.Evaluation;

public sealed class StoryEvaluatorTests
{
    private const string Text = "Quake hits town.\n\nThe quake killed two. Officials said more died. Aid arrived.";

    private static GoldDocument Gold(string id, string subtopic) => new(
        id,
        1,
        subtopic,
        [1, 2],
        [
            new GoldMention(id + "_1", 1, "hits", 6, 10, "ACTION_OCCURRENCE", "HIT"),
            new GoldMention(id + "_2", 2, "quake", 22, 27, "ACTION_OCCURRENCE", "QUAKE"),
            new GoldMention(id + "_3", 2, "killed", 28, 34, "ACTION_OCCURRENCE", "KILL"),
            new GoldMention(id + "_4", 3, "died", 60, 64, "ACTION_OCCURRENCE", "KILL"),
        ],
        [new GoldMention(id + "_9", 2, "two", 35, 38, "HUMAN_PART_PER", null)]);

    [Fact]
    public void Mentions_outside_selected_sentences_are_not_scored()
    {
        var scope = SentenceScope.For(Gold("d", "1ecb"), Text);

        Assert.True(scope.Contains(6, 10));
        Assert.True(scope.Contains(18, 21));
        Assert.False(scope.Contains(60, 64));
        Assert.False(scope.Contains(66, 69));
    }

    [Fact]
    public void Spans_match_one_to_one_by_largest_overlap()
    {
        var gold = new[] { new GoldMention("g1", 1, "killed", 28, 34, null, null) };
        var predicted = new[] { new PredictedMention("p1", 22, 30, "c1"), new PredictedMention("p2", 28, 34, "c2") };

        var match = Assert.Single(StoryEvaluator.Match(gold, predicted));

        Assert.Equal("p2", match.Predicted.EventId);
    }

    [Fact]
    public void Scores_mentions_coreference_and_stories()
    {
        // Document a: predicted hits, quake, killed, "two" (in scope, false positive), died (out of scope);
        // document b: only quake and killed. Gold in scope: 3 per document → 6; predicted in scope 4 + 2 = 6; matched 5.
        // Coreference over matched mentions: key {a_2 b_2} {a_3 b_3} {a_1}; response puts both quakes and a_1 in one
        // cluster and both kills in another: MUC R = (1 + 1) / 2 = 1, P = (3 − 2 + 1) / (2 + 1) = 2/3.
        // Stories: gold a, b both 1ecb and c 1ecbplus; predicted all in one storyline: B³ R = 1, P = (2/3·2 + 1/3) / 3 = 5/9.
        var gold = new[] { Gold("a", "1ecb"), Gold("b", "1ecb"), Gold("c", "1ecbplus") };
        var predicted = new[]
        {
            new PredictedDocument("a", Text, "s1",
            [
                new("a/e6", 6, 10, "q"), new("a/e22", 22, 27, "q"), new("a/e28", 28, 34, "k"), new("a/e35", 35, 38, "o"), new("a/e60", 60, 64, "k"),
            ]),
            new PredictedDocument("b", Text, "s1", [new("b/e22", 22, 27, "q"), new("b/e28", 28, 34, "k")]),
            new PredictedDocument("c", Text, "s1", []),
        };

        var result = StoryEvaluator.Evaluate(gold, predicted);

        Assert.Equal(9, result.GoldMentions);
        Assert.Equal(6, result.PredictedMentions);
        Assert.Equal(5, result.MatchedMentions);
        Assert.Equal(5.0 / 6, result.Mentions.Precision, 9);
        Assert.Equal(5.0 / 9, result.Mentions.Recall, 9);
        Assert.Equal(1.0, result.Muc.Recall, 9);
        Assert.Equal(2.0 / 3, result.Muc.Precision, 9);
        Assert.Equal(1.0, result.Stories.Recall, 9);
        Assert.Equal(5.0 / 9, result.Stories.Precision, 9);
        Assert.Contains("\"stories\":{\"b3_precision\":55.56,\"b3_recall\":100,\"b3_f1\":71.43}", result.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_predicted_document_without_gold_is_an_error_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            StoryEvaluator.Evaluate([Gold("a", "1ecb")], [new PredictedDocument("zz", Text, "s", [])]));

        Assert.Contains("'zz'", error.Message, StringComparison.Ordinal);
    }
}
