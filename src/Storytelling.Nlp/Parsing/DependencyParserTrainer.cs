using System.Diagnostics;
using System.Globalization;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Parsing.Internal;
using Storytelling.Nlp.Tagging;
using Storytelling.Nlp.Training;

namespace Storytelling.Nlp.Parsing;

/// <summary>
/// Trains the <see cref="DependencyParser"/> model from CoNLL-U: training tags predicted by jackknifed taggers,
/// arc-hybrid transitions, dynamic oracle with exploration, averaged perceptron, a fixed number of epochs over
/// seeded shuffles (same data and seed give the same model). Writes <c>model.bin</c> into the output directory and
/// reports dev UAS/LAS (CoNLL 2018 style) with gold tags and with predicted tags.
/// </summary>
public sealed class DependencyParserTrainer : IComponentTrainer
{
    public string Component => DependencyParser.ComponentName;

    /// <summary>Passes over the training data (chosen on EWT dev).</summary>
    public int Epochs { get; init; } = 15;

    /// <summary>
    /// Folds for jackknifed training tags: the parser trains on tags predicted by taggers that did not see the
    /// sentence, and is scored on dev with a tagger trained on all of train. 0 or 1: train on gold tags.
    /// </summary>
    public int JackknifeFolds { get; init; } = 5;

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
        var trainConllu = ConlluReader.ReadFile(trainFile).ToList();
        var devConllu = ConlluReader.ReadFile(devFile).ToList();
        var devGold = devConllu.Select(TreebankSentence.From).ToList();
        List<TreebankSentence> train;
        List<TreebankSentence>? devPredicted = null;
        if (JackknifeFolds > 1)
        {
            var lexicons = TrainingData.LexiconsDirectory(trainFile);
            var options = new PosTaggerTrainingOptions
            {
                Seed = seed,
                LexiconPath = lexicons is null ? null : Path.Combine(lexicons, "pattern_en", "en-lexicon.txt"),
            };
            progress.WriteLine($"parser: tagging the training data by {JackknifeFolds}-fold jackknifing (lexicon {options.LexiconPath ?? "none"})");
            train = JackknifeTagging.Tag(trainConllu, JackknifeFolds, options, progress, cancellationToken);
            var tagger = PosTaggerTrainer.Train(trainConllu, options, TextWriter.Null, cancellationToken);
            devPredicted = JackknifeTagging.WithPredictedTags(tagger, devConllu, cancellationToken);
        }
        else
        {
            train = trainConllu.Select(TreebankSentence.From).ToList();
        }

        var training = new ParserTraining(train, seed);
        progress.WriteLine(
            $"parser: {train.Count} training sentences ({training.NonProjectiveSentences} non-projective, {training.LiftedArcs} arcs lifted), "
            + $"{training.Labels.Length} labels, {training.Vocabulary.Count} vocabulary words, {devGold.Count} dev sentences; {clock.Elapsed.TotalSeconds:F0} s");
        var scratch = training.Model.CreateScratch();
        for (var epoch = 1; epoch <= Epochs; epoch++)
        {
            var optimal = training.RunEpoch(cancellationToken);
            var current = AttachmentScore.Evaluate(training.Model, devPredicted ?? devGold, scratch);
            progress.WriteLine(
                $"parser: epoch {epoch}/{Epochs}: {optimal:P2} optimal steps; dev ({(devPredicted is null ? "gold" : "predicted")} tags) with unaveraged weights {current}; {clock.Elapsed.TotalSeconds:F0} s");
        }

        training.Perceptron.Average(PruneBelow);
        var trainingTime = clock.Elapsed;
        var gold = AttachmentScore.Evaluate(training.Model, devGold, scratch);
        progress.WriteLine($"parser: averaged model, dev with gold tags {gold}; {training.Perceptron.FeatureCount} features, {training.Perceptron.WeightCount} weights");
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["uas"] = Math.Round(gold.Uas, 2),
            ["las"] = Math.Round(gold.Las, 2),
        };

        if (devPredicted is not null)
        {
            var predicted = AttachmentScore.Evaluate(training.Model, devPredicted, scratch);
            scores["uas_predicted_tags"] = Math.Round(predicted.Uas, 2);
            scores["las_predicted_tags"] = Math.Round(predicted.Las, 2);
            progress.WriteLine($"parser: dev with predicted tags (tagger trained on the same train file) {predicted}");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["train_file"] = Path.GetFileName(trainFile),
            ["dev_file"] = Path.GetFileName(devFile),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
            ["prune_below"] = PruneBelow.ToString(CultureInfo.InvariantCulture),
            ["jackknife_folds"] = JackknifeFolds.ToString(CultureInfo.InvariantCulture),
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
