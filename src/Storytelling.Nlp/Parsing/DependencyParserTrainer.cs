using System.Diagnostics;
using System.Globalization;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Evaluation;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Parsing.Internal;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tagging;
using Storytelling.Nlp.Training;

namespace Storytelling.Nlp.Parsing;

/// <summary>
/// Trains the <see cref="DependencyParser"/> model from CoNLL-U with gold tags: arc-hybrid transitions, dynamic
/// oracle with exploration, averaged perceptron, a fixed number of epochs over seeded shuffles (same data and seed
/// give the same model). Writes <c>model.bin</c> into the output directory and reports dev UAS/LAS (CoNLL 2018
/// style) with gold tags and, when a tagger model sits beside the output directory (<c>../tagger/model.bin</c>),
/// with that tagger's predicted tags.
/// </summary>
public sealed class DependencyParserTrainer : IComponentTrainer
{
    public string Component => DependencyParser.ComponentName;

    /// <summary>Passes over the training data (chosen on EWT dev).</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>Averaged weights smaller in magnitude than this are dropped from the model file (chosen on EWT dev).</summary>
    public float PruneBelow { get; init; } = 1.0f;

    public Task<TrainingReport> TrainAsync(string trainFile, string devFile, string outDirectory, int seed, TextWriter progress, CancellationToken cancellationToken) =>
        Task.Run(() => Train(trainFile, devFile, outDirectory, seed, progress, cancellationToken), cancellationToken);

    /// <summary>Trains on <paramref name="trainFile"/>, scores on <paramref name="devFile"/>, writes <c>model.bin</c> into <paramref name="outDirectory"/>.</summary>
    public TrainingReport Train(string trainFile, string devFile, string outDirectory, int seed, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outDirectory);
        ArgumentNullException.ThrowIfNull(progress);
        var clock = Stopwatch.StartNew();
        var train = ConlluReader.ReadFile(trainFile).Select(TreebankSentence.From).ToList();
        var devConllu = ConlluReader.ReadFile(devFile).ToList();
        var dev = devConllu.Select(TreebankSentence.From).ToList();
        var training = new ParserTraining(train, seed);
        progress.WriteLine(
            $"parser: {train.Count} training sentences ({training.NonProjectiveSentences} non-projective, {training.LiftedArcs} arcs lifted), "
            + $"{training.Labels.Length} labels, {training.Vocabulary.Count} vocabulary words, {dev.Count} dev sentences");
        var scratch = training.Model.CreateScratch();
        for (var epoch = 1; epoch <= Epochs; epoch++)
        {
            var optimal = training.RunEpoch(cancellationToken);
            var current = AttachmentScore.Evaluate(training.Model, dev, scratch);
            progress.WriteLine(
                $"parser: epoch {epoch}/{Epochs}: {optimal:P2} optimal steps; dev with unaveraged weights {current}; {clock.Elapsed.TotalSeconds:F0} s");
        }

        training.Perceptron.Average(PruneBelow);
        var trainingTime = clock.Elapsed;
        var gold = AttachmentScore.Evaluate(training.Model, dev, scratch);
        progress.WriteLine($"parser: averaged model, dev with gold tags {gold}; {training.Perceptron.FeatureCount} features, {training.Perceptron.WeightCount} weights");
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["uas"] = Math.Round(gold.Uas, 2),
            ["las"] = Math.Round(gold.Las, 2),
        };

        var taggerPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outDirectory)) ?? ".", PosTagger.ComponentName, ModelStore.ModelFileName);
        if (File.Exists(taggerPath))
        {
            var pipeline = new NlpPipeline([PosTagger.Load(taggerPath), new DependencyParser(training.Model)], Annotations.Tokens | Annotations.Sentences);
            var predicted = ConlluEvaluator.EvaluateGoldTokens(devConllu, pipeline, cancellationToken);
            scores["uas_predicted_tags"] = predicted.Uas ?? 0;
            scores["las_predicted_tags"] = predicted.Las ?? 0;
            progress.WriteLine($"parser: dev with tags from {taggerPath}: UAS {predicted.Uas:F2} LAS {predicted.Las:F2}");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["train_file"] = Path.GetFileName(trainFile),
            ["dev_file"] = Path.GetFileName(devFile),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
            ["prune_below"] = PruneBelow.ToString(CultureInfo.InvariantCulture),
            ["training_seconds"] = Math.Round(trainingTime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in scores)
        {
            metadata["dev_" + name] = value.ToString("F2", CultureInfo.InvariantCulture);
        }

        var path = Path.Combine(outDirectory, ModelStore.ModelFileName);
        training.Model.Save(path, metadata);
        var bytes = new FileInfo(path).Length;
        progress.WriteLine($"parser: wrote {path} ({bytes / 1e6:F1} MB); {clock.Elapsed.TotalSeconds:F0} s in all");
        return new TrainingReport(Component, path, bytes, trainingTime, scores);
    }
}
