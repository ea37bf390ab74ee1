using System.Globalization;

namespace Storytelling.Nlp.Language;

/// <summary>
/// Trains a <see cref="LanguageIdentifier"/> from one sentence per line per language, keeping for each language its
/// most frequent n-grams (add-<c>alpha</c> smoothing), and evaluates it on held-out sentences.
/// </summary>
public static class LanguageIdentifierTrainer
{
    /// <summary>Every <paramref name="heldOutEvery"/>-th sentence of each language is held out for evaluation, never trained on.</summary>
    public static (IReadOnlyDictionary<string, List<string>> Train, IReadOnlyDictionary<string, List<string>> HeldOut) Split(
        IReadOnlyDictionary<string, IReadOnlyList<string>> sentences, int heldOutEvery = 10)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var train = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var heldOut = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (language, lines) in sentences)
        {
            train[language] = [];
            heldOut[language] = [];
            for (var i = 0; i < lines.Count; i++)
            {
                (i % heldOutEvery == heldOutEvery - 1 ? heldOut : train)[language].Add(lines[i]);
            }
        }

        return (train, heldOut);
    }

    /// <summary>Reads <c>&lt;language&gt;.txt</c> files (one sentence per line) from <paramref name="directory"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadDirectory(string directory)
    {
        var files = Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"no <language>.txt files in '{directory}'");
        }

        return files.ToDictionary(
            f => Path.GetFileNameWithoutExtension(f),
            f => (IReadOnlyList<string>)[.. File.ReadLines(f).Where(l => !string.IsNullOrWhiteSpace(l))],
            StringComparer.Ordinal);
    }

    public static LanguageIdentifier Train(IReadOnlyDictionary<string, List<string>> sentences, int maxNGramsPerLanguage = 12_000, double alpha = 0.5)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var languages = sentences.Keys.Order(StringComparer.Ordinal).ToArray();
        var counts = new Dictionary<ulong, int>[languages.Length];
        var totals = new long[languages.Length];
        for (var l = 0; l < languages.Length; l++)
        {
            counts[l] = [];
            foreach (var sentence in sentences[languages[l]])
            {
                foreach (var hash in LanguageIdentifier.NGrams(sentence))
                {
                    counts[l][hash] = counts[l].GetValueOrDefault(hash) + 1;
                    totals[l]++;
                }
            }
        }

        var kept = new HashSet<ulong>();
        foreach (var languageCounts in counts)
        {
            kept.UnionWith(languageCounts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(maxNGramsPerLanguage).Select(c => c.Key));
        }

        var vocabulary = kept.Count;
        var rows = new Dictionary<ulong, int>(vocabulary);
        var logProbabilities = new float[vocabulary * languages.Length];
        var unseen = new float[languages.Length];
        for (var l = 0; l < languages.Length; l++)
        {
            unseen[l] = (float)Math.Log(alpha / (totals[l] + (alpha * vocabulary)));
        }

        foreach (var hash in kept.Order())
        {
            var row = rows.Count;
            rows[hash] = row;
            for (var l = 0; l < languages.Length; l++)
            {
                var count = counts[l].GetValueOrDefault(hash);
                logProbabilities[(row * languages.Length) + l] = (float)Math.Log((count + alpha) / (totals[l] + (alpha * vocabulary)));
            }
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["languages"] = string.Join(",", languages),
            ["max_ngram_order"] = LanguageIdentifier.MaxOrder.ToString(CultureInfo.InvariantCulture),
            ["ngrams"] = vocabulary.ToString(CultureInfo.InvariantCulture),
            ["alpha"] = alpha.ToString(CultureInfo.InvariantCulture),
            ["training_sentences"] = sentences.Values.Sum(s => s.Count).ToString(CultureInfo.InvariantCulture),
        };
        return new LanguageIdentifier(languages, rows, logProbabilities, unseen, metadata);
    }

    /// <summary>Accuracy in percent over held-out sentences of at least <paramref name="minimumChars"/> characters, and how many there were.</summary>
    public static (double Accuracy, int Sentences, IReadOnlyDictionary<string, double> PerLanguage) Evaluate(
        LanguageIdentifier identifier, IReadOnlyDictionary<string, List<string>> heldOut, int minimumChars = 50)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(heldOut);
        int correct = 0, total = 0;
        var perLanguage = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (language, lines) in heldOut)
        {
            int languageCorrect = 0, languageTotal = 0;
            foreach (var line in lines.Where(l => l.Length >= minimumChars))
            {
                languageTotal++;
                languageCorrect += identifier.Identify(line).Language == language ? 1 : 0;
            }

            correct += languageCorrect;
            total += languageTotal;
            perLanguage[language] = languageTotal == 0 ? 0 : Math.Round(100.0 * languageCorrect / languageTotal, 2);
        }

        return (total == 0 ? 0 : Math.Round(100.0 * correct / total, 2), total, perLanguage);
    }
}
