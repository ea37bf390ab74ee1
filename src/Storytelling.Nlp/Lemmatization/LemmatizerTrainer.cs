using System.Collections.Frozen;
using System.Globalization;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Learning;
using Storytelling.Nlp.Lemmatization.Internal;

namespace Storytelling.Nlp.Lemmatization;

/// <summary>
/// Trains a <see cref="Lemmatizer"/> from CoNLL-U words with gold tags: the (form, XPOS) table keeps each pair's
/// most frequent lemma; the edit-script classifier trains on every word, in an order shuffled per epoch with the seed.
/// </summary>
public static class LemmatizerTrainer
{
    public static Lemmatizer Train(IReadOnlyList<ConlluSentence> sentences, LemmatizerTrainingOptions options, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(options);
        var words = sentences.SelectMany(s => s.Words).Where(w => w.Lemma != "_" && w.Form.Length > 0).ToList();
        var scriptIndex = new Dictionary<EditScript, int>();
        var scripts = new List<EditScript>();
        var truth = new int[words.Count];
        var pairCounts = new Dictionary<ulong, Dictionary<string, int>>();
        for (int w = 0; w < words.Count; w++)
        {
            var word = words[w];
            var script = EditScript.Between(word.Form, word.Lemma);
            if (!scriptIndex.TryGetValue(script, out int index))
            {
                index = scripts.Count;
                scriptIndex[script] = index;
                scripts.Add(script);
            }

            truth[w] = index;
            ulong key = Lemmatizer.TableKey(word.Form, word.Xpos);
            if (!pairCounts.TryGetValue(key, out var lemmas))
            {
                lemmas = new Dictionary<string, int>(StringComparer.Ordinal);
                pairCounts[key] = lemmas;
            }

            lemmas[word.Lemma] = lemmas.GetValueOrDefault(word.Lemma) + 1;
        }

        var table = pairCounts.ToDictionary(
            p => p.Key,
            p => string.Intern(p.Value.OrderByDescending(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal).First().Key));
        var exceptions = ReadWordNetExceptions(options.WordNetDirectory);

        var perceptron = new AveragedPerceptron(scripts.Count);
        Span<ulong> features = stackalloc ulong[LemmaFeatures.MaxFeatures];
        var scores = new float[scripts.Count];
        var order = Enumerable.Range(0, words.Count).ToArray();
        var random = new Random(options.Seed);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            int correct = 0;
            foreach (int w in order)
            {
                if ((w & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var word = words[w];
                int n = LemmaFeatures.Extract(word.Form, word.Upos, word.Xpos, features);
                int guess = perceptron.Predict(features[..n], scores);
                perceptron.Update(truth[w], guess, features[..n]);
                correct += guess == truth[w] ? 1 : 0;
            }

            progress?.WriteLine($"lemmatizer epoch {epoch}/{options.Epochs}: edit-script accuracy {100.0 * correct / words.Count:F2}% over {scripts.Count} scripts");
        }

        perceptron.Average(options.PruneBelow);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["train_words"] = words.Count.ToString(CultureInfo.InvariantCulture),
            ["scripts"] = scripts.Count.ToString(CultureInfo.InvariantCulture),
            ["table"] = table.Count.ToString(CultureInfo.InvariantCulture),
            ["wordnet_exceptions"] = exceptions.Count.ToString(CultureInfo.InvariantCulture),
        };
        return new Lemmatizer([.. scripts], perceptron, table.ToFrozenDictionary(), exceptions.ToFrozenDictionary(), metadata);
    }

    private static Dictionary<ulong, string> ReadWordNetExceptions(string? directory)
    {
        var exceptions = new Dictionary<ulong, string>();
        if (directory is null)
        {
            return exceptions;
        }

        foreach (var (file, wordClass) in new[] { ("noun.exc", 'n'), ("verb.exc", 'v'), ("adj.exc", 'a'), ("adv.exc", 'r') })
        {
            string path = Path.Combine(directory, file);
            int lineNumber = 0;
            foreach (string line in File.ReadLines(path))
            {
                lineNumber++;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2)
                {
                    throw new FormatException($"{path}:{lineNumber}: expected 'form lemma'.");
                }

                if (parts[0].Contains('_', StringComparison.Ordinal))
                {
                    continue;
                }

                exceptions.TryAdd(Lemmatizer.ExceptionKey(parts[0], wordClass), string.Intern(parts[1].Replace('_', ' ')));
            }
        }

        return exceptions;
    }
}
