using System.Diagnostics;
using System.Globalization;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Training;

namespace Storytelling.Nlp.Language;

/// <summary>
/// <c>storytelling nlp train langid --train DIR --dev DIR --out models/langid</c>: DIR holds one <c>&lt;language&gt;.txt</c>
/// per language (../shared/data/langid). Every tenth sentence of each language is held out and scored (the dev
/// argument names the same directory: the corpus has no separate dev split).
/// </summary>
public sealed class LanguageIdentifierComponentTrainer : IComponentTrainer
{
    public string Component => LanguageIdentifier.ComponentName;

    public Task<TrainingReport> TrainAsync(string trainFile, string devFile, string outDirectory, int seed, TextWriter progress, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            ArgumentNullException.ThrowIfNull(progress);
            var stopwatch = Stopwatch.StartNew();
            var (train, heldOut) = LanguageIdentifierTrainer.Split(LanguageIdentifierTrainer.ReadDirectory(trainFile));
            progress.WriteLine($"langid: {train.Count} languages, {train.Values.Sum(s => s.Count)} training sentences, {heldOut.Values.Sum(s => s.Count)} held out");
            var identifier = LanguageIdentifierTrainer.Train(train);
            var elapsed = stopwatch.Elapsed;
            var (accuracy50, count50, perLanguage) = LanguageIdentifierTrainer.Evaluate(identifier, heldOut, 50);
            var (accuracyAll, _, _) = LanguageIdentifierTrainer.Evaluate(identifier, heldOut, 1);
            var metadata = new Dictionary<string, string>(identifier.Metadata, StringComparer.Ordinal)
            {
                ["heldout_accuracy_50_chars"] = accuracy50.ToString(CultureInfo.InvariantCulture),
                ["heldout_sentences_50_chars"] = count50.ToString(CultureInfo.InvariantCulture),
                ["heldout_accuracy_all"] = accuracyAll.ToString(CultureInfo.InvariantCulture),
                ["training_seconds"] = elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
            };
            var model = new LanguageIdentifier([.. identifier.Languages], identifier.Rows, identifier.LogProbabilities, identifier.Unseen, metadata);
            Directory.CreateDirectory(outDirectory);
            var path = Path.Combine(outDirectory, ModelStore.ModelFileName);
            model.Save(path);
            progress.WriteLine($"langid: held-out accuracy {accuracy50}% on {count50} sentences of 50+ characters ({string.Join(" ", perLanguage.Select(p => $"{p.Key} {p.Value}"))}); wrote {path}");
            var scores = new Dictionary<string, double> { ["accuracy_50_chars"] = accuracy50, ["accuracy_all"] = accuracyAll };
            return new TrainingReport(Component, path, new FileInfo(path).Length, elapsed, scores);
        }, cancellationToken);
}
