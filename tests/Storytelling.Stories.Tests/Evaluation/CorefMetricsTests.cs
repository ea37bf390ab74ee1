using Storytelling.Stories.Evaluation;

namespace Storytelling.Stories.Tests.Evaluation;

/// <summary>Each expected value is worked out by hand from the metric's definition (shown in the comments).</summary>
public sealed class CorefMetricsTests
{
    // Key {a b c} {d e}; response {a b} {c d e}.
    private static readonly IReadOnlyCollection<string>[] Key = [["a", "b", "c"], ["d", "e"]];
    private static readonly IReadOnlyCollection<string>[] Response = [["a", "b"], ["c", "d", "e"]];

    [Fact]
    public void Muc_counts_links_missing_from_each_side()
    {
        // Recall: {a b c} is cut into 2 parts → 3 − 2 = 1; {d e} in 1 part → 1; (1 + 1) / (2 + 1) = 2/3.
        // Precision: {a b} in 1 key part → 1; {c d e} cut into 2 → 1; (1 + 1) / (1 + 2) = 2/3.
        var score = CorefMetrics.Muc(Key, Response);

        Assert.Equal(2.0 / 3, score.Recall, 9);
        Assert.Equal(2.0 / 3, score.Precision, 9);
    }

    [Fact]
    public void BCubed_averages_per_mention_overlaps()
    {
        // Recall: a, b: 2/3 each; c: 1/3; d, e: 2/2 each → (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15.
        // Precision: a, b: 2/2; c: 1/3; d, e: 2/3 → (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15.
        var score = CorefMetrics.BCubed(Key, Response);

        Assert.Equal(11.0 / 15, score.Recall, 9);
        Assert.Equal(11.0 / 15, score.Precision, 9);
    }

    [Fact]
    public void CeafE_aligns_clusters_one_to_one()
    {
        // φ4: {abc}-{ab} = 4/5, {abc}-{cde} = 2/6, {de}-{cde} = 4/5, {de}-{ab} = 0. Best alignment: 4/5 + 4/5 = 8/5;
        // precision = recall = (8/5) / 2 = 0.8.
        var score = CorefMetrics.CeafE(Key, Response);

        Assert.Equal(0.8, score.Recall, 9);
        Assert.Equal(0.8, score.Precision, 9);
    }

    [Fact]
    public void CeafE_picks_the_better_of_two_alignments_and_penalises_extra_clusters()
    {
        // Key {a b c d}; response {a b} {c} {d}: φ4 = 4/6, 2/5, 2/5; one key cluster aligns with {a b} → 2/3.
        // Recall = (2/3) / 1, precision = (2/3) / 3.
        var score = CorefMetrics.CeafE([["a", "b", "c", "d"]], [["a", "b"], ["c"], ["d"]]);

        Assert.Equal(2.0 / 3, score.Recall, 9);
        Assert.Equal(2.0 / 9, score.Precision, 9);
    }

    [Fact]
    public void Singletons_have_no_muc_links_but_count_for_bcubed_and_ceafe()
    {
        // Key {a} {b}; response {a b}. MUC: no key links → recall 0/0 = 0; precision (2 − 2) / 1 = 0.
        // B³ recall: 1 and 1 → 1; precision: 1/2 and 1/2 → 0.5. CEAF-e: φ4({a},{ab}) = 2/3 → recall 1/3, precision 2/3.
        IReadOnlyCollection<string>[] key = [["a"], ["b"]];
        IReadOnlyCollection<string>[] response = [["a", "b"]];

        Assert.Equal(0, CorefMetrics.Muc(key, response).F1);
        Assert.Equal(1.0, CorefMetrics.BCubed(key, response).Recall, 9);
        Assert.Equal(0.5, CorefMetrics.BCubed(key, response).Precision, 9);
        Assert.Equal(1.0 / 3, CorefMetrics.CeafE(key, response).Recall, 9);
        Assert.Equal(2.0 / 3, CorefMetrics.CeafE(key, response).Precision, 9);
    }

    [Fact]
    public void Identical_partitions_score_one_everywhere()
    {
        Assert.Equal(1.0, CorefMetrics.ConllF1(Key, Key), 9);
    }

    [Fact]
    public void Conll_f1_is_the_mean_of_the_three_f1_scores()
    {
        // MUC F1 = 2/3, B³ F1 = 11/15, CEAF-e F1 = 0.8 → (2/3 + 11/15 + 4/5) / 3 = 11/15.
        Assert.Equal(11.0 / 15, CorefMetrics.ConllF1(Key, Response), 9);
    }
}
