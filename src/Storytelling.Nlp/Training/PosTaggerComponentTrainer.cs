using System.Diagnostics;
using System.Globalization;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Evaluation;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tagging;

namespace Storytelling.Nlp.Training;

/// <summary>Trains the tagger (Pattern lexicon from the lexicons directory beside the treebank) and scores it on dev gold tokens.</summary>
public sealed class PosTaggerComponentTrainer : IComponentTrainer
{
    public string Component => PosTagger.ComponentName;

    public Task<TrainingReport> TrainAsync(string trainFile, string devFile, string outDirectory, int seed, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outDirectory);
        ArgumentNullException.ThrowIfNull(progress);
        return Task.Run(() =>
        {
            var started = Stopwatch.StartNew();
            var train = ConlluReader.ReadFile(trainFile).ToList();
            var dev = ConlluReader.ReadFile(devFile).ToList();
            string? lexicons = TrainingData.LexiconsDirectory(trainFile);
            string? lexicon = lexicons is null ? null : Path.Combine(lexicons, "pattern_en", "en-lexicon.txt");
            progress.WriteLine($"tagger: {train.Count} training sentences, lexicon {lexicon ?? "(none found)"}");
            var tagger = PosTaggerTrainer.Train(train, new PosTaggerTrainingOptions { Seed = seed, LexiconPath = lexicon }, progress, cancellationToken);
            var trainingTime = started.Elapsed;
            var result = ConlluEvaluator.EvaluateGoldTokens(dev, new NlpPipeline([tagger], Annotations.Tokens | Annotations.Sentences), cancellationToken);
            var scores = new Dictionary<string, double> { ["upos"] = result.Upos, ["xpos"] = result.Xpos };
            var metadata = new Dictionary<string, string>(tagger.Metadata, StringComparer.Ordinal)
            {
                ["train_file"] = Path.GetFileName(trainFile),
                ["dev_upos"] = result.Upos.ToString(CultureInfo.InvariantCulture),
                ["dev_xpos"] = result.Xpos.ToString(CultureInfo.InvariantCulture),
                ["training_seconds"] = Math.Round(trainingTime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            };
            string path = Path.Combine(outDirectory, ModelStore.ModelFileName);
            new PosTagger(tagger, metadata).Save(path);
            progress.WriteLine($"tagger: dev UPOS {result.Upos}, XPOS {result.Xpos}; wrote {path}");
            return new TrainingReport(Component, path, new FileInfo(path).Length, trainingTime, scores);
        }, cancellationToken);
    }
}
