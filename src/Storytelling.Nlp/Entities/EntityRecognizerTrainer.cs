using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Entities.Internal;
using Storytelling.Nlp.Evaluation;
using Storytelling.Nlp.Learning;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Entities;

/// <summary>
/// Trains an <see cref="EntityRecognizer"/> on IOB2 sentences. Tokens are the corpus tokens; UPOS/XPOS features come
/// from the given tagger run on them (as at run time, not gold tags). Greedy left-to-right decoding with valid BILOU
/// transitions and the predicted history, a perceptron update at every token, documents shuffled each epoch with a
/// seeded generator. The training-name gazetteer is jackknifed: while training, a document only sees names from the
/// other folds (otherwise every training name would be in it and the model would trust it blindly); the saved model
/// holds the names of the whole training set. Each candidate epoch count is trained from scratch and scored on dev;
/// the best is kept.
/// </summary>
public static class EntityRecognizerTrainer
{
    private static readonly string[] PreferredOrder = ["PER", "ORG", "LOC"];

    public static EntityRecognizer Train(
        IReadOnlyList<Iob2Sentence> train,
        IReadOnlyList<Iob2Sentence>? dev,
        INlpComponent tagger,
        EntityRecognizerTrainingOptions options,
        TextWriter? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(tagger);
        ArgumentNullException.ThrowIfNull(options);
        if (options.EpochCandidates.Count == 0 || options.EpochCandidates.Any(e => e < 1))
        {
            throw new ArgumentException("EpochCandidates must list at least one positive epoch count.", nameof(options));
        }

        var started = Stopwatch.StartNew();
        var trainDocuments = Prepare(train, tagger, "train", cancellationToken);
        var devDocuments = dev is null ? [] : Prepare(dev, tagger, "dev", cancellationToken);
        var types = trainDocuments.SelectMany(d => d.Document.Entities).Select(e => e.Type).Distinct(StringComparer.Ordinal)
            .OrderBy(t => Array.IndexOf(PreferredOrder, t) is int k && k >= 0 ? k : PreferredOrder.Length)
            .ThenBy(t => t, StringComparer.Ordinal).ToArray();
        if (types.Length == 0)
        {
            throw new ArgumentException("The training sentences contain no entities.", nameof(train));
        }

        var labels = new EntityLabels(types);
        foreach (var document in trainDocuments)
        {
            document.SetTruth(labels);
        }

        var external = ExternalGazetteer(options, progress);
        int folds = Math.Max(1, options.Folds);
        var allNames = NameGazetteer(trainDocuments, labels, options.MinNameShare, _ => true);
        var foldNames = folds == 1
            ? [allNames]
            : Enumerable.Range(0, folds).Select(f => NameGazetteer(trainDocuments, labels, options.MinNameShare, d => d % folds != f)).ToArray();
        progress?.WriteLine($"ner: {train.Count} training sentences in {trainDocuments.Length} documents, types {string.Join("/", types)}, " +
            $"external gazetteer {external.Count} entries, training names {allNames.Count} entries ({started.Elapsed.TotalSeconds:F0} s)");

        EntityRecognizer? best = null;
        double bestF1 = double.NegativeInfinity;
        int bestEpochs = 0;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (int epochs in options.EpochCandidates)
        {
            var recognizer = TrainOnce(trainDocuments, labels, external, allNames, foldNames, epochs, options, progress, cancellationToken);
            double f1 = devDocuments.Length == 0 ? epochs : Score(recognizer, devDocuments, types, cancellationToken).F1;
            progress?.WriteLine(devDocuments.Length == 0 ? $"ner: {epochs} epochs trained" : $"ner: {epochs} epochs: dev F1 {f1} (learned types, {started.Elapsed.TotalSeconds:F0} s)");
            if (f1 > bestF1)
            {
                best = recognizer;
                bestF1 = f1;
                bestEpochs = epochs;
            }
        }

        float temperature = devDocuments.Length == 0 ? 1f : FitTemperature(best!, devDocuments, cancellationToken);
        progress?.WriteLine($"ner: {bestEpochs} epochs kept; confidence temperature {temperature} (fitted on dev)");
        metadata["confidence_temperature"] = temperature.ToString(CultureInfo.InvariantCulture);
        metadata["epochs"] = bestEpochs.ToString(CultureInfo.InvariantCulture);
        metadata["epoch_candidates"] = string.Join(",", options.EpochCandidates);
        metadata["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture);
        metadata["folds"] = folds.ToString(CultureInfo.InvariantCulture);
        metadata["train_sentences"] = train.Count.ToString(CultureInfo.InvariantCulture);
        metadata["types"] = string.Join(",", types);
        metadata["features"] = best!.FeatureCount.ToString(CultureInfo.InvariantCulture);
        metadata["gazetteer_external"] = external.Count.ToString(CultureInfo.InvariantCulture);
        metadata["gazetteer_training_names"] = allNames.Count.ToString(CultureInfo.InvariantCulture);
        return new EntityRecognizer(best, metadata, temperature);
    }

    /// <summary>
    /// The softmax temperature that maximises the likelihood of the gold labels of the dev tokens (among the labels
    /// valid after the predicted previous one), so confidences mean something: a grid from 0.5 to 128.
    /// </summary>
    private static float FitTemperature(EntityRecognizer recognizer, TrainingDocument[] documents, CancellationToken cancellationToken)
    {
        var labels = recognizer.Labels;
        int classes = labels.ClassCount;
        var samples = new List<(float[] Scores, int Previous, bool Last, int Gold)>();
        var scratch = new EntityRecognizer.Scratch(classes);
        Gazetteer[] sources = [recognizer.External, recognizer.TrainingNames];
        foreach (var document in documents)
        {
            document.SetTruth(labels);
            var memory = new Dictionary<ulong, int>();
            foreach (var sentence in document.Document.Sentences)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var predicted = new int[sentence.Count];
                var log = new float[sentence.Count * classes];
                recognizer.LabelSentence(document.Document, sentence, sources, memory, predicted, new float[sentence.Count], scratch, default, log);
                for (int i = 0; i < sentence.Count; i++)
                {
                    samples.Add((log[(i * classes)..((i + 1) * classes)], i > 0 ? predicted[i - 1] : -1, i == sentence.Count - 1, document.Truth[sentence.Start + i]));
                }
            }
        }

        float best = 1f;
        double bestLikelihood = double.NegativeInfinity;
        for (int k = 0; k <= 16; k++)
        {
            float temperature = 0.5f * MathF.Pow(2f, k / 2f);
            double likelihood = 0;
            foreach (var (scores, previous, last, gold) in samples)
            {
                if (EntityLabels.IsValid(previous, gold, last))
                {
                    likelihood += Math.Log(Math.Max(1e-9, labels.Probability(previous, last, gold, scores, temperature)));
                }
            }

            if (likelihood > bestLikelihood)
            {
                bestLikelihood = likelihood;
                best = temperature;
            }
        }

        return best;
    }

    private static EntityRecognizer TrainOnce(
        TrainingDocument[] documents, EntityLabels labels, Gazetteer external, Gazetteer allNames, Gazetteer[] foldNames, int epochs,
        EntityRecognizerTrainingOptions options, TextWriter? progress, CancellationToken cancellationToken)
    {
        var perceptron = new AveragedPerceptron(labels.ClassCount);
        var recognizer = new EntityRecognizer(labels, perceptron, external, allNames, new Dictionary<string, string>());
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, documents.Length).ToArray();
        var scratch = new EntityRecognizer.Scratch(labels.ClassCount);
        var predicted = new int[documents.Max(d => d.Document.TokenCount)];
        var confidences = new float[predicted.Length];
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            random.Shuffle(order);
            long correct = 0, total = 0;
            foreach (int d in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var document = documents[d];
                Gazetteer[] sources = [external, foldNames[d % foldNames.Length]];
                var memory = new Dictionary<ulong, int>();
                foreach (var sentence in document.Document.Sentences)
                {
                    correct += recognizer.LabelSentence(document.Document, sentence, sources, memory,
                        predicted.AsSpan(sentence.Start, sentence.Count), confidences.AsSpan(sentence.Start, sentence.Count), scratch,
                        document.Truth.AsSpan(sentence.Start, sentence.Count));
                    total += sentence.Count;
                }
            }

            progress?.WriteLine($"ner epoch {epoch}/{epochs}: training label accuracy {100.0 * correct / total:F2}%, {perceptron.FeatureCount} features");
        }

        perceptron.Average(options.PruneBelow);
        return recognizer;
    }

    internal static EntityEvaluationResult Score(EntityRecognizer recognizer, TrainingDocument[] documents, IReadOnlyList<string> types, CancellationToken cancellationToken)
    {
        var pairs = documents.Select(d => ((IReadOnlyList<EntitySpan>)d.Document.Entities, recognizer.RecognizeLearned(d.Document, cancellationToken)));
        return EntityEvaluator.Score(pairs, types);
    }

    private static TrainingDocument[] Prepare(IReadOnlyList<Iob2Sentence> sentences, INlpComponent tagger, string name, CancellationToken cancellationToken)
    {
        var documents = new List<TrainingDocument>();
        foreach (var group in Iob2Documents.Group(sentences))
        {
            var document = Iob2Documents.ToDocument(group, $"{name}-{documents.Count}", goldEntities: true);
            tagger.Process(document, cancellationToken);
            documents.Add(new TrainingDocument(document));
        }

        return [.. documents];
    }

    /// <summary>Names seen as entities in the documents accepted by <paramref name="include"/> (by document index).</summary>
    private static Gazetteer NameGazetteer(TrainingDocument[] documents, EntityLabels labels, double minShare, Func<int, bool> include)
    {
        var occurrences = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var inside = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int d = 0; d < documents.Length; d++)
        {
            if (!include(d))
            {
                continue;
            }

            var document = documents[d].Document;
            for (int t = 0; t < document.TokenCount; t++)
            {
                string form = document.TokenString(t);
                occurrences[form] = occurrences.GetValueOrDefault(form) + 1;
            }

            foreach (var entity in document.Entities)
            {
                if (entity.TokenCount == 1)
                {
                    string form = document.TokenString(entity.StartToken);
                    inside[form] = inside.GetValueOrDefault(form) + 1;
                }
            }
        }

        var gazetteer = new Gazetteer();
        Span<ulong> hashes = stackalloc ulong[Gazetteer.MaxTokens];
        for (int d = 0; d < documents.Length; d++)
        {
            if (!include(d))
            {
                continue;
            }

            var document = documents[d].Document;
            foreach (var entity in document.Entities)
            {
                if (entity.TokenCount > Gazetteer.MaxTokens)
                {
                    continue;
                }

                if (entity.TokenCount == 1)
                {
                    string form = document.TokenString(entity.StartToken);
                    if ((double)inside.GetValueOrDefault(form) / occurrences.GetValueOrDefault(form, 1) < minShare)
                    {
                        continue;
                    }
                }

                for (int k = 0; k < entity.TokenCount; k++)
                {
                    hashes[k] = Gazetteer.TokenHash(document.TokenText(entity.StartToken + k));
                }

                int type = Array.IndexOf(labels.Types, entity.Type);
                gazetteer.Add(hashes[..entity.TokenCount], GazetteerSource.Training(type));
            }
        }

        return gazetteer;
    }

    private static Gazetteer ExternalGazetteer(EntityRecognizerTrainingOptions options, TextWriter? progress)
    {
        var gazetteer = new Gazetteer();
        if (options.UseNameLists)
        {
            int listed = NameLists.AddTo(gazetteer);
            progress?.WriteLine($"ner: {listed} names from the built-in name lists");
        }

        if (options.GeoNamesPath != null)
        {
            int count = 0;
            using var stream = File.OpenRead(options.GeoNamesPath);
            using var json = JsonDocument.Parse(stream);
            foreach (var place in json.RootElement.EnumerateArray())
            {
                string? name = place.TryGetProperty("name", out var value) ? value.GetString() : null;
                if (!string.IsNullOrWhiteSpace(name) && name.Length > 1)
                {
                    gazetteer.Add(name, GazetteerSource.GeoNamesLocation);
                    count++;
                }
            }

            progress?.WriteLine($"ner: {count} GeoNames places from {options.GeoNamesPath}");
        }

        if (options.PatternEntitiesPath != null)
        {
            int count = 0;
            foreach (string raw in File.ReadLines(options.PatternEntitiesPath))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line.StartsWith(';'))
                {
                    continue;
                }

                int space = line.LastIndexOf(' ');
                string tail = space > 0 ? line[(space + 1)..] : string.Empty;
                (string name, ushort bit) = tail switch
                {
                    "PERS" => (line[..space], GazetteerSource.PatternPerson),
                    "ORG" => (line[..space], GazetteerSource.PatternOrganization),
                    "LOC" => (line[..space], GazetteerSource.PatternLocation),
                    _ => (line, GazetteerSource.PatternOther),
                };
                gazetteer.Add(name, bit);
                count++;
            }

            progress?.WriteLine($"ner: {count} Pattern entities from {options.PatternEntitiesPath}");
        }

        return gazetteer;
    }

    /// <summary>A tagged training document with its gold entities and their BILOU labels.</summary>
    internal sealed class TrainingDocument(Document document)
    {
        public Document Document { get; } = document;

        public int[] Truth { get; private set; } = [];

        public void SetTruth(EntityLabels labels)
        {
            var truth = new int[Document.TokenCount];
            foreach (var entity in Document.Entities)
            {
                int type = Array.IndexOf(labels.Types, entity.Type);
                if (type < 0)
                {
                    continue;
                }

                for (int t = entity.StartToken; t < entity.EndToken; t++)
                {
                    char prefix = entity.TokenCount == 1 ? 'U' : t == entity.StartToken ? 'B' : t == entity.EndToken - 1 ? 'L' : 'I';
                    truth[t] = EntityLabels.Label(type, prefix);
                }
            }

            Truth = truth;
        }
    }
}
