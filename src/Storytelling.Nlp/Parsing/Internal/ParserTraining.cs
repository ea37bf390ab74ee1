using System.Collections.Frozen;
using Storytelling.Nlp.Learning;

namespace Storytelling.Nlp.Parsing.Internal;

/// <summary>
/// Online training of the arc-hybrid parser with the dynamic oracle and error exploration (Goldberg and Nivre
/// 2012, 2013): at every step the perceptron is updated towards the best-scoring zero-cost transition when its
/// own choice costs more; from epoch <see cref="ExploreFromEpoch"/> on, the parser then follows its own
/// prediction with probability <see cref="ExploreProbability"/> (else the best zero-cost transition), so it
/// learns to continue well after mistakes. Gold trees are projectivised by lifting first. Deterministic for a seed.
/// </summary>
internal sealed class ParserTraining
{
    private readonly List<TreebankSentence> sentences;
    private readonly List<int[]> goldHeads = [];
    private readonly List<int[]> goldLabels = [];
    private readonly Random random;
    private readonly ParserSentence scratch;
    private int epoch;

    public ParserTraining(IReadOnlyList<TreebankSentence> train, int seed, int minLabelCount = 20, int minWordCount = 2)
    {
        ArgumentNullException.ThrowIfNull(train);
        sentences = [.. train];
        Labels = BuildLabels(train, minLabelCount);
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Labels.Length; i++)
        {
            labelIndex[Labels[i]] = i;
        }

        var wordCounts = new Dictionary<ulong, int>();
        foreach (var sentence in train)
        {
            for (var i = 1; i <= sentence.WordCount; i++)
            {
                var key = ParserSentence.HashForm(sentence.Forms[i]);
                wordCounts[key] = wordCounts.GetValueOrDefault(key) + 1;
            }

            var heads = (int[])sentence.Heads.Clone();
            if (!Projectivizer.IsProjective(heads))
            {
                NonProjectiveSentences++;
                LiftedArcs += Projectivizer.Projectivize(heads);
            }

            var labels = new int[heads.Length];
            for (var i = 1; i <= sentence.WordCount; i++)
            {
                labels[i] = heads[i] == 0 ? TransitionSet.RootLabel : LabelIndex(labelIndex, sentence.Relations[i]);
            }

            goldHeads.Add(heads);
            goldLabels.Add(labels);
        }

        Vocabulary = wordCounts.Where(pair => pair.Value >= minWordCount).Select(pair => pair.Key).ToFrozenSet();
        Perceptron = new AveragedPerceptron(new TransitionSet(Labels.Length).Count);
        Model = new ParserModel(Labels, Vocabulary, Perceptron);
        scratch = Model.CreateScratch();
        random = new Random(seed);
    }

    public string[] Labels { get; }

    public FrozenSet<ulong> Vocabulary { get; }

    public AveragedPerceptron Perceptron { get; }

    /// <summary>The model being trained (its weights are not averaged until <see cref="AveragedPerceptron.Average"/>).</summary>
    public ParserModel Model { get; }

    public int NonProjectiveSentences { get; }

    public int LiftedArcs { get; }

    public int ExploreFromEpoch { get; init; } = 2;

    public double ExploreProbability { get; init; } = 0.9;

    /// <summary>Runs one epoch over the shuffled training sentences; returns the share of steps whose prediction was optimal.</summary>
    public double RunEpoch(CancellationToken cancellationToken)
    {
        epoch++;
        var order = Enumerable.Range(0, sentences.Count).ToArray();
        random.Shuffle(order);
        long steps = 0, correct = 0;
        foreach (var index in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (s, c) = TrainSentence(sentences[index], goldHeads[index], goldLabels[index]);
            steps += s;
            correct += c;
        }

        return steps == 0 ? 1 : (double)correct / steps;
    }

    private (int Steps, int Correct) TrainSentence(TreebankSentence sentence, int[] heads, int[] labels)
    {
        var transitions = Model.Transitions;
        sentence.Fill(scratch, Vocabulary);
        var state = scratch.State;
        state.Reset(sentence.WordCount);
        var features = scratch.Features.AsSpan();
        var scores = scratch.Scores.AsSpan();
        var costs = scratch.Costs.AsSpan();
        var explore = epoch >= ExploreFromEpoch;
        int steps = 0, correct = 0;
        while (!state.IsTerminal)
        {
            var count = ParserFeatures.Extract(scratch, features);
            Perceptron.Score(features[..count], scores);
            ArcHybridOracle.FillCosts(state, transitions, heads, labels, costs);
            var guess = transitions.BestValid(state, scores);
            var best = BestOfMinimumCost(scores, costs, transitions.Count);
            steps++;
            if (costs[guess] == costs[best])
            {
                correct++;
                Perceptron.Update(guess, guess, features[..count]);
            }
            else
            {
                Perceptron.Update(best, guess, features[..count]);
            }

            var next = explore && random.NextDouble() < ExploreProbability ? guess : best;
            transitions.Apply(state, next);
        }

        return (steps, correct);
    }

    private static int BestOfMinimumCost(ReadOnlySpan<float> scores, ReadOnlySpan<int> costs, int count)
    {
        var minimum = int.MaxValue;
        for (var t = 0; t < count; t++)
        {
            minimum = Math.Min(minimum, costs[t]);
        }

        var best = -1;
        for (var t = 0; t < count; t++)
        {
            if (costs[t] == minimum && (best < 0 || scores[t] > scores[best]))
            {
                best = t;
            }
        }

        return best;
    }

    /// <summary>
    /// <c>root</c> first, then the relations by falling frequency; a subtyped relation seen fewer than
    /// <paramref name="minCount"/> times is folded into its universal part. At most 64 labels (label sets are bit masks).
    /// </summary>
    private static string[] BuildLabels(IReadOnlyList<TreebankSentence> train, int minCount)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in train)
        {
            for (var i = 1; i <= sentence.WordCount; i++)
            {
                if (sentence.Heads[i] != 0)
                {
                    counts[sentence.Relations[i]] = counts.GetValueOrDefault(sentence.Relations[i]) + 1;
                }
            }
        }

        var folded = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (relation, count) in counts)
        {
            var label = count >= minCount ? relation : TreebankSentence.UniversalPart(relation);
            folded[label] = folded.GetValueOrDefault(label) + count;
        }

        folded.Remove("root");
        var labels = new List<string> { "root" };
        labels.AddRange(folded.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key));
        if (labels.Count > 64)
        {
            throw new InvalidDataException($"The training data has {labels.Count} relation labels after folding rare subtypes; at most 64 are supported.");
        }

        return [.. labels];
    }

    private static int LabelIndex(Dictionary<string, int> index, string relation) =>
        index.TryGetValue(relation, out var label) ? label
        : index.TryGetValue(TreebankSentence.UniversalPart(relation), out label) ? label
        : index.TryGetValue("dep", out label) ? label
        : 1;
}
