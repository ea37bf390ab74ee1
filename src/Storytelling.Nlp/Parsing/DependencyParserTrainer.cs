using System.Diagnostics;
using System.Globalization;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Parsing.Internal;

namespace Storytelling.Nlp.Parsing;

/// <summary>
/// Trains the <see cref="DependencyParser"/> model from CoNLL-U: arc-hybrid transitions, dynamic oracle with
/// exploration, averaged perceptron, a fixed number of epochs over seeded shuffles. Writes
/// <c>model.bin</c> into the output directory and reports progress and dev scores (UAS/LAS, CoNLL 2018 style).
/// </summary>
public sealed class DependencyParserTrainer
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>Averaged weights smaller than this are dropped from the model file.</summary>
    public float PruneBelow { get; init; } = 1.0f;

    /// <summary>Trains on <paramref name="trainFile"/>, scores on <paramref name="devFile"/>, writes <c>model.bin</c> into <paramref name="outDirectory"/>.</summary>
    public DependencyParserTrainingResult Train(
        string trainFile,
        string devFile,
        string outDirectory,
        int seed,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var clock = Stopwatch.StartNew();
        var train = ConlluReader.ReadFile(trainFile).Select(TreebankSentence.From).ToList();
        var dev = ConlluReader.ReadFile(devFile).Select(TreebankSentence.From).ToList();
        var training = new ParserTraining(train, seed);
        progress.WriteLine(
            $"parser: {train.Count} training sentences ({training.NonProjectiveSentences} non-projective, {training.LiftedArcs} arcs lifted), "
            + $"{training.Labels.Length} labels, {training.Vocabulary.Count} vocabulary words, {dev.Count} dev sentences");
        var scratch = training.Model.CreateScratch();
        for (var epoch = 1; epoch <= Epochs; epoch++)
        {
            var optimal = training.RunEpoch(cancellationToken);
            var score = AttachmentScore.Evaluate(training.Model, dev, scratch);
            progress.WriteLine(
                $"parser: epoch {epoch}/{Epochs}: {optimal:P2} optimal steps; dev (current weights) {score}; {clock.Elapsed.TotalSeconds:F0} s");
        }

        training.Perceptron.Average(PruneBelow);
        var averaged = AttachmentScore.Evaluate(training.Model, dev, scratch);
        progress.WriteLine($"parser: averaged model: dev {averaged}; {training.Perceptron.FeatureCount} features, {training.Perceptron.WeightCount} weights");

        Directory.CreateDirectory(outDirectory);
        var path = Path.Combine(outDirectory, ModelStore.ModelFileName);
        var metadata = new Dictionary<string, string>
        {
            ["train"] = Path.GetFileName(trainFile),
            ["dev"] = Path.GetFileName(devFile),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
            ["dev_uas"] = averaged.Uas.ToString("F2", CultureInfo.InvariantCulture),
            ["dev_las"] = averaged.Las.ToString("F2", CultureInfo.InvariantCulture),
        };
        training.Model.Save(path, metadata);
        var result = new DependencyParserTrainingResult(path, averaged.Uas, averaged.Las, Epochs, clock.Elapsed);
        progress.WriteLine($"parser: wrote {path} ({new FileInfo(path).Length / 1e6:F1} MB) in {clock.Elapsed.TotalSeconds:F0} s");
        return result;
    }
}
