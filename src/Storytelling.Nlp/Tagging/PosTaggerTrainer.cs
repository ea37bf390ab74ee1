using System.Collections.Frozen;
using System.Globalization;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Learning;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tagging.Internal;

namespace Storytelling.Nlp.Tagging;

/// <summary>
/// Trains a <see cref="PosTagger"/> on CoNLL-U sentences: greedy left-to-right decoding with the predicted history,
/// perceptron updates on every non-dictionary token, sentence order shuffled each epoch with a seeded generator
/// (same data + seed → same model), weights averaged and pruned at the end.
/// </summary>
public static class PosTaggerTrainer
{
    public static PosTagger Train(IReadOnlyList<ConlluSentence> sentences, PosTaggerTrainingOptions options, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(options);
        var labelIndex = new Dictionary<(string Xpos, string Upos), int>();
        var xpos = new List<string>();
        var upos = new List<string>();
        var documents = new Document[sentences.Count];
        var truths = new int[sentences.Count][];
        var wordCounts = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
        for (int s = 0; s < sentences.Count; s++)
        {
            documents[s] = Document.FromConllu([sentences[s]], sentences[s].Id ?? s.ToString(CultureInfo.InvariantCulture));
            var words = sentences[s].Words;
            truths[s] = new int[words.Count];
            for (int w = 0; w < words.Count; w++)
            {
                var key = (words[w].Xpos, words[w].Upos);
                if (!labelIndex.TryGetValue(key, out int label))
                {
                    label = labelIndex.Count;
                    labelIndex[key] = label;
                    xpos.Add(string.Intern(key.Xpos));
                    upos.Add(string.Intern(key.Upos));
                }

                truths[s][w] = label;
                if (!wordCounts.TryGetValue(words[w].Form, out var counts))
                {
                    counts = [];
                    wordCounts[words[w].Form] = counts;
                }

                counts[label] = counts.GetValueOrDefault(label) + 1;
            }
        }

        var tagDictionary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, counts) in wordCounts)
        {
            int total = counts.Values.Sum();
            var best = counts.MaxBy(p => (p.Value, -p.Key));
            if (total >= options.TagDictionaryMinCount && (double)best.Value / total >= options.TagDictionaryMinShare)
            {
                tagDictionary[word] = best.Key;
            }
        }

        var lexicon = options.LexiconPath is null ? TagLexicon.Empty : TagLexicon.ReadPattern(options.LexiconPath);
        string? wordNet = options.ResolvedWordNetDirectory();
        var wordClasses = wordNet is null ? WordClasses.Empty : WordClasses.ReadWordNet(wordNet);
        progress?.WriteLine($"tagger: WordNet word classes from {wordNet ?? "(none found)"}: {wordClasses.Count} forms");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["train_sentences"] = sentences.Count.ToString(CultureInfo.InvariantCulture),
            ["classes"] = labelIndex.Count.ToString(CultureInfo.InvariantCulture),
            ["tag_dictionary"] = tagDictionary.Count.ToString(CultureInfo.InvariantCulture),
            ["lexicon_words"] = lexicon.Count.ToString(CultureInfo.InvariantCulture),
            ["wordnet_forms"] = wordClasses.Count.ToString(CultureInfo.InvariantCulture),
        };

        var perceptron = new AveragedPerceptron(labelIndex.Count);
        var tagger = new PosTagger([.. xpos], [.. upos], perceptron, tagDictionary.ToFrozenDictionary(StringComparer.Ordinal), [], lexicon, wordClasses, metadata);
        var order = Enumerable.Range(0, sentences.Count).ToArray();
        var random = new Random(options.Seed);
        Span<ulong> features = stackalloc ulong[TaggerFeatures.MaxFeatures];
        var scores = new float[labelIndex.Count];
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            int correct = 0, total = 0;
            foreach (int s in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var document = documents[s];
                var truth = truths[s];
                var classes = new int[truth.Length];
                int end = document.TokenCount;
                var infos = new TokenInfo[end];
                int sentenceCase = TaggerFeatures.Prepare(document, 0, end, tagger, infos);
                for (int i = 0; i < end; i++)
                {
                    int known = infos[i].Dictionary;
                    int guess;
                    if (known >= 0)
                    {
                        guess = known;
                    }
                    else
                    {
                        int count = TaggerFeatures.Extract(document, 0, infos, sentenceCase, i, classes, intrinsic: true, features);
                        guess = perceptron.Predict(features[..count], scores);
                        perceptron.Update(truth[i], guess, features[..count]);
                    }

                    classes[i] = guess;
                    correct += guess == truth[i] ? 1 : 0;
                    total++;
                }
            }

            progress?.WriteLine($"tagger epoch {epoch}/{options.Epochs}: training accuracy {100.0 * correct / total:F2}% (joint XPOS+UPOS), {perceptron.FeatureCount} features");
        }

        perceptron.Average(options.PruneBelow);
        progress?.WriteLine($"tagger averaged: {perceptron.FeatureCount} features, {perceptron.WeightCount} weights after pruning below {options.PruneBelow}");
        string[] cached = [.. wordCounts
            .Select(p => (Word: p.Key, Count: p.Value.Values.Sum()))
            .Where(p => p.Count >= options.CachedWordMinCount && !tagDictionary.ContainsKey(p.Word))
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Word, StringComparer.Ordinal)
            .Take(options.CachedWordLimit)
            .Select(p => p.Word)];
        return new PosTagger(tagger, cached);
    }
}
