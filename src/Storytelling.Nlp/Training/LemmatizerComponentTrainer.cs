using System.Diagnostics;
using System.Globalization;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Evaluation;
using Storytelling.Nlp.Lemmatization;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tagging;

namespace Storytelling.Nlp.Training;

/// <summary>
/// Trains the lemmatizer (WordNet exception lists from the lexicons directory beside the treebank) and scores it on dev
/// gold tokens: with gold tags, and with tags predicted by the tagger in the output's sibling <c>tagger/</c> directory when present.
/// </summary>
public sealed class LemmatizerComponentTrainer : IComponentTrainer
{
    public string Component => Lemmatizer.ComponentName;

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
            string? wordnet = lexicons is null ? null : Path.Combine(lexicons, "wordnet-3.0");
            progress.WriteLine($"lemmatizer: {train.Count} training sentences, WordNet exceptions {wordnet ?? "(none found)"}");
            var lemmatizer = LemmatizerTrainer.Train(train, new LemmatizerTrainingOptions { Seed = seed, WordNetDirectory = wordnet }, progress, cancellationToken);
            var trainingTime = started.Elapsed;

            double goldTags = LemmaAccuracyWithGoldTags(dev, lemmatizer);
            var scores = new Dictionary<string, double> { ["lemma_gold_tags"] = goldTags };
            var metadata = new Dictionary<string, string>(lemmatizer.Metadata, StringComparer.Ordinal)
            {
                ["train_file"] = Path.GetFileName(trainFile),
                ["dev_lemma_gold_tags"] = goldTags.ToString(CultureInfo.InvariantCulture),
                ["training_seconds"] = Math.Round(trainingTime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            };
            string taggerPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outDirectory)) ?? ".", PosTagger.ComponentName, ModelStore.ModelFileName);
            if (File.Exists(taggerPath))
            {
                var tagger = PosTagger.Load(taggerPath);
                var result = ConlluEvaluator.EvaluateGoldTokens(dev, new NlpPipeline([tagger, lemmatizer], Annotations.Tokens | Annotations.Sentences), cancellationToken);
                scores["lemma"] = result.Lemma;
                metadata["dev_lemma"] = result.Lemma.ToString(CultureInfo.InvariantCulture);
            }

            string path = Path.Combine(outDirectory, ModelStore.ModelFileName);
            new Lemmatizer(lemmatizer, metadata).Save(path);
            progress.WriteLine($"lemmatizer: dev lemma {string.Join(", ", scores.Select(s => $"{s.Key} {s.Value}"))}; wrote {path}");
            return new TrainingReport(Component, path, new FileInfo(path).Length, trainingTime, scores);
        }, cancellationToken);
    }

    private static double LemmaAccuracyWithGoldTags(IReadOnlyList<ConlluSentence> dev, Lemmatizer lemmatizer)
    {
        int correct = 0, total = 0;
        foreach (var word in dev.SelectMany(s => s.Words))
        {
            total++;
            correct += lemmatizer.Lemmatize(word.Form, word.Upos, word.Xpos) == word.Lemma ? 1 : 0;
        }

        return total == 0 ? 0 : Math.Round(100.0 * correct / total, 2);
    }
}
