using System.Diagnostics;
using System.Globalization;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Evaluation;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tagging;
using Storytelling.Nlp.Training;

namespace Storytelling.Nlp.Entities;

/// <summary>
/// <c>storytelling nlp train ner</c>: trains the recognizer on an IOB2 train file, choosing the epoch count on the
/// dev file. Needs the tagger model in the output's sibling <c>tagger/</c> directory (its predicted tags are
/// features); takes GeoNames and the Pattern entity list from the lexicons directory beside the corpus when present.
/// </summary>
public sealed class EntityRecognizerComponentTrainer : IComponentTrainer
{
    /// <summary>Epoch counts tried by <c>storytelling nlp train ner</c>.</summary>
    public static readonly IReadOnlyList<int> EpochCandidates = [4, 6, 8];

    public string Component => EntityRecognizer.ModelName;

    public Task<TrainingReport> TrainAsync(string trainFile, string devFile, string outDirectory, int seed, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outDirectory);
        ArgumentNullException.ThrowIfNull(progress);
        return Task.Run(() =>
        {
            var started = Stopwatch.StartNew();
            string taggerPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outDirectory)) ?? ".", PosTagger.ComponentName, ModelStore.ModelFileName);
            var tagger = PosTagger.Load(taggerPath);
            var train = Iob2Reader.ReadFile(trainFile).ToList();
            var dev = Iob2Reader.ReadFile(devFile).ToList();
            string? lexicons = TrainingData.LexiconsDirectory(trainFile);
            string? geonames = lexicons is null ? null : Existing(Path.Combine(lexicons, "geonames", "cities.json"));
            string? pattern = lexicons is null ? null : Existing(Path.Combine(lexicons, "pattern_en", "en-entities.txt"));
            progress.WriteLine($"ner: tagger {taggerPath}, GeoNames {geonames ?? "(none found)"}, Pattern entities {pattern ?? "(none found)"}");
            var options = new EntityRecognizerTrainingOptions
            {
                Seed = seed,
                EpochCandidates = EpochCandidates,
                GeoNamesPath = geonames,
                PatternEntitiesPath = pattern,
            };
            var recognizer = EntityRecognizerTrainer.Train(train, dev, tagger, options, progress, cancellationToken);
            var trainingTime = started.Elapsed;

            var result = EntityEvaluator.Evaluate(dev, new NlpPipeline([tagger, recognizer], Iob2Documents.Provided), cancellationToken);
            var scores = new Dictionary<string, double>
            {
                ["precision"] = result.Precision,
                ["recall"] = result.Recall,
                ["f1"] = result.F1,
            };
            var metadata = new Dictionary<string, string>(recognizer.Metadata, StringComparer.Ordinal)
            {
                ["train_file"] = Path.GetFileName(trainFile),
                ["dev_file"] = Path.GetFileName(devFile),
                ["dev_f1"] = result.F1.ToString(CultureInfo.InvariantCulture),
                ["training_seconds"] = Math.Round(trainingTime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            };
            foreach (var (type, score) in result.PerType)
            {
                scores[$"{type}_f1"] = score.F1;
                metadata[$"dev_{type}_f1"] = score.F1.ToString(CultureInfo.InvariantCulture);
            }

            string path = Path.Combine(outDirectory, ModelStore.ModelFileName);
            new EntityRecognizer(recognizer, metadata).Save(path);
            progress.WriteLine($"ner: dev {EntityEvaluator.ToJson(result)}, {result.TokensPerSecond} tokens/s (tagger + recognizer); wrote {path}");
            return new TrainingReport(Component, path, new FileInfo(path).Length, trainingTime, scores);
        }, cancellationToken);
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;
}
