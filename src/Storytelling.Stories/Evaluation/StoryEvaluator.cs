namespace Storytelling.Stories.Evaluation;

/// <summary>
/// Scores predicted documents against gold (docs/stories.md):
/// <list type="bullet">
/// <item>event mentions: gold mentions of the selected sentences and predicted mentions inside the
/// <see cref="SentenceScope"/> of those sentences are matched one-to-one by character overlap, largest overlap
/// first; precision = matched / predicted, recall = matched / gold;</item>
/// <item>event coreference on the matched mentions: the key is the gold chains (a mention without a chain is a
/// singleton), the response the predicted clusters, both over the same mentions; MUC, B³, CEAF-e and CoNLL F1;</item>
/// <item>stories: B³ over documents, gold story = subtopic, predicted story = the document's storyline.</item>
/// </list>
/// Every predicted document needs a gold document; gold documents without a prediction are left out.
/// </summary>
public static class StoryEvaluator
{
    public static StoryEvaluation Evaluate(IReadOnlyList<GoldDocument> gold, IReadOnlyList<PredictedDocument> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var goldById = gold.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var keyClusters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var responseClusters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var goldStories = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var predictedStories = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int goldMentions = 0, predictedMentions = 0, matched = 0;
        foreach (var document in predicted)
        {
            if (!goldById.TryGetValue(document.DocumentId, out var goldDocument))
            {
                throw new ArgumentException($"Document '{document.DocumentId}' has no gold document.", nameof(predicted));
            }

            Add(goldStories, goldDocument.Subtopic, document.DocumentId);
            Add(predictedStories, document.StorylineId, document.DocumentId);

            var scope = SentenceScope.For(goldDocument, document.Text);
            var selected = goldDocument.SelectedSentences.ToHashSet();
            var goldInScope = goldDocument.Events.Where(m => selected.Contains(m.Sentence)).ToList();
            var predictedInScope = document.Mentions.Where(m => scope.Contains(m.Start, m.End)).ToList();
            goldMentions += goldInScope.Count;
            predictedMentions += predictedInScope.Count;
            foreach (var (g, p) in Match(goldInScope, predictedInScope))
            {
                matched++;
                Add(keyClusters, g.Chain ?? "singleton:" + g.Id, g.Id);
                Add(responseClusters, p.ClusterId, g.Id);
            }
        }

        IReadOnlyList<IReadOnlyCollection<string>> key = [.. keyClusters.Values];
        IReadOnlyList<IReadOnlyCollection<string>> response = [.. responseClusters.Values];
        return new StoryEvaluation(
            Score.FromCounts(matched, predictedMentions, matched, goldMentions),
            CorefMetrics.Muc(key, response),
            CorefMetrics.BCubed(key, response),
            CorefMetrics.CeafE(key, response),
            CorefMetrics.BCubed([.. goldStories.Values], [.. predictedStories.Values]),
            predicted.Count,
            goldMentions,
            predictedMentions,
            matched);
    }

    /// <summary>One-to-one matching of overlapping spans, the largest overlap first (ties: earlier gold, then earlier prediction).</summary>
    public static IReadOnlyList<(GoldMention Gold, PredictedMention Predicted)> Match(
        IReadOnlyList<GoldMention> gold, IReadOnlyList<PredictedMention> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var pairs = new List<(int Overlap, int Gold, int Predicted)>();
        for (int g = 0; g < gold.Count; g++)
        {
            for (int p = 0; p < predicted.Count; p++)
            {
                int overlap = Math.Min(gold[g].End, predicted[p].End) - Math.Max(gold[g].Start, predicted[p].Start);
                if (overlap > 0)
                {
                    pairs.Add((overlap, g, p));
                }
            }
        }

        var goldUsed = new bool[gold.Count];
        var predictedUsed = new bool[predicted.Count];
        var matches = new List<(GoldMention, PredictedMention)>();
        foreach (var (_, g, p) in pairs
            .OrderByDescending(x => x.Overlap)
            .ThenBy(x => gold[x.Gold].Start)
            .ThenBy(x => predicted[x.Predicted].Start))
        {
            if (!goldUsed[g] && !predictedUsed[p])
            {
                goldUsed[g] = predictedUsed[p] = true;
                matches.Add((gold[g], predicted[p]));
            }
        }

        return matches;
    }

    private static void Add(Dictionary<string, List<string>> clusters, string cluster, string member)
    {
        if (!clusters.TryGetValue(cluster, out var list))
        {
            clusters[cluster] = list = [];
        }

        list.Add(member);
    }
}
