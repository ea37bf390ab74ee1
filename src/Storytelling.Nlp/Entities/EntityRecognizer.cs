using System.Buffers;
using Storytelling.Nlp.Entities.Internal;
using Storytelling.Nlp.Entities.Rules;
using Storytelling.Nlp.Learning;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Entities;

/// <summary>
/// Named-entity recognizer: a greedy averaged perceptron over BILOU labels (Ratinov &amp; Roth 2009) learns PER, ORG
/// and LOC; each token takes the best label that is a valid continuation of the previous one, so every output is a
/// well-formed span. Gazetteers (GeoNames cities, the Pattern entity list, names seen in training) are stored in the
/// model file. <see cref="NumericEntityRules"/> adds DATE, TIME, MONEY, PERCENT, CARDINAL, ORDINAL and QUANTITY;
/// learned spans win where the two overlap (<see cref="EntityMerge"/>). Immutable and thread-safe: scratch buffers
/// are per call.
/// </summary>
public sealed class EntityRecognizer : INlpComponent
{
    /// <summary>The name in <c>nlp.pipeline</c>.</summary>
    public const string ComponentName = "entity_recognizer";

    /// <summary>The model directory under <c>models/</c> and the trainer name (<c>storytelling nlp train ner</c>).</summary>
    public const string ModelName = "ner";

    private readonly AveragedPerceptron model;
    private readonly Gazetteer[] gazetteers;

    internal EntityRecognizer(EntityLabels labels, AveragedPerceptron model, Gazetteer external, Gazetteer trainingNames, IReadOnlyDictionary<string, string> metadata, float temperature = 1f)
    {
        Temperature = temperature;
        Labels = labels;
        this.model = model;
        External = external;
        TrainingNames = trainingNames;
        gazetteers = [external, trainingNames];
        Metadata = metadata;
    }

    /// <summary>The same model with other metadata (e.g. dev scores added after training).</summary>
    internal EntityRecognizer(EntityRecognizer other, IReadOnlyDictionary<string, string> metadata, float? temperature = null)
        : this(other.Labels, other.model, other.External, other.TrainingNames, metadata, temperature ?? other.Temperature)
    {
    }

    public string Name => ComponentName;

    public Annotations Requires => Annotations.Tokens | Annotations.Sentences | Annotations.Tags;

    public Annotations Produces => Annotations.Entities;

    /// <summary>Training metadata stored in the model file (data, scores, settings).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The learned entity types (PER, ORG, LOC for UNER).</summary>
    public IReadOnlyList<string> LearnedTypes => Labels.Types;

    public int FeatureCount => model.FeatureCount;

    public int GazetteerEntries => External.Count + TrainingNames.Count;

    /// <summary>Softmax temperature of the confidences, fitted on dev data when training.</summary>
    internal float Temperature { get; }

    internal EntityLabels Labels { get; }

    internal Gazetteer External { get; }

    internal Gazetteer TrainingNames { get; }

    public void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var learned = RecognizeLearned(document, cancellationToken);
        var numeric = NumericEntityRules.Find(document);
        document.SetEntities(EntityMerge.Merge(learned, numeric));
    }

    /// <summary>The learned (PER/ORG/LOC) spans only, in document order.</summary>
    public IReadOnlyList<EntitySpan> RecognizeLearned(Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var spans = new List<EntitySpan>();
        int tokenCount = document.TokenCount;
        if (tokenCount == 0)
        {
            return spans;
        }

        var labels = ArrayPool<int>.Shared.Rent(tokenCount);
        var confidences = ArrayPool<float>.Shared.Rent(tokenCount);
        try
        {
            var memory = new Dictionary<ulong, int>();
            var scratch = new Scratch(Labels.ClassCount);
            foreach (var sentence in document.Sentences)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LabelSentence(document, sentence, gazetteers, memory, labels.AsSpan(sentence.Start, sentence.Count), confidences.AsSpan(sentence.Start, sentence.Count), scratch, default);
            }

            AppendSpans(document, labels.AsSpan(0, tokenCount), confidences.AsSpan(0, tokenCount), spans);
            return spans;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
            ArrayPool<float>.Shared.Return(confidences);
        }
    }

    /// <summary>
    /// Labels one sentence greedily left to right. With <paramref name="truth"/> (training) the perceptron is
    /// updated at every token towards the gold label; the predicted label is kept as history either way.
    /// Returns the number of correctly labelled tokens when training. When not training, <paramref name="scoreLog"/>
    /// (if given, class count × tokens) receives every token's scores.
    /// </summary>
    internal int LabelSentence(Document document, SentenceRange sentence, ReadOnlySpan<Gazetteer> sources, Dictionary<ulong, int> memory, Span<int> labels, Span<float> confidences, Scratch scratch, ReadOnlySpan<int> truth, Span<float> scoreLog = default)
    {
        int count = sentence.Count;
        var tokens = scratch.Tokens(count);
        EntityFeatures.Prepare(document, sentence.Start, tokens, sources, scratch.Hashes(count));
        var features = scratch.Features.AsSpan();
        var scores = scratch.Scores.AsSpan();
        int correct = 0;
        bool training = !truth.IsEmpty;
        for (int i = 0; i < count; i++)
        {
            ref readonly var token = ref tokens[i];
            bool capitalized = EntityFeatures.IsCapitalized(token.Case);
            int documentLabel = capitalized && memory.TryGetValue(token.Lower, out int seen) ? seen : -1;
            int n = EntityFeatures.Extract(document, sentence.Start, tokens, i, labels, documentLabel, features);
            model.Score(features[..n], scores);
            int previous = i > 0 ? labels[i - 1] : -1;
            bool last = i == count - 1;
            int guess = Labels.BestValid(previous, last, scores);
            if (training)
            {
                int unconstrained = AveragedPerceptron.ArgMax(scores[..Labels.ClassCount]);
                model.Update(truth[i], unconstrained, features[..n]);
                correct += guess == truth[i] ? 1 : 0;
            }
            else
            {
                confidences[i] = Labels.Probability(previous, last, guess, scores, Temperature);
                if (!scoreLog.IsEmpty)
                {
                    scores[..Labels.ClassCount].CopyTo(scoreLog.Slice(i * Labels.ClassCount, Labels.ClassCount));
                }
            }

            labels[i] = guess;
            if (capitalized)
            {
                memory[token.Lower] = EntityLabels.TypeOf(guess) + 1;
            }
        }

        return correct;
    }

    private void AppendSpans(Document document, ReadOnlySpan<int> labels, ReadOnlySpan<float> confidences, List<EntitySpan> spans)
    {
        var prefixes = new char[labels.Length];
        var types = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            prefixes[i] = EntityLabels.Prefix(labels[i]);
            types[i] = EntityLabels.TypeOf(labels[i]);
        }

        var found = new List<(int Start, int End, int Type)>();
        BilouCodec.Decode(prefixes, types, found);
        foreach (var (start, end, type) in found)
        {
            float sum = 0;
            for (int i = start; i < end; i++)
            {
                sum += confidences[i];
            }

            spans.Add(EntitySpan.Create(document, start, end, Labels.Types[type], sum / (end - start)));
        }
    }

    public void Save(string path)
    {
        ModelWriter.Write(path, ComponentName, Metadata, writer =>
        {
            Labels.Write(writer);
            writer.Write(Temperature);
            External.Write(writer);
            TrainingNames.Write(writer);
            model.Write(writer);
        });
    }

    /// <summary>Loads a recognizer model; any problem is a <see cref="ModelLoadException"/> naming the file.</summary>
    public static EntityRecognizer Load(string path) => ModelReader.Load(path, ComponentName, static (file, reader) =>
    {
        var labels = EntityLabels.Read(reader);
        float temperature = reader.ReadSingle();
        if (!(temperature > 0 && float.IsFinite(temperature)))
        {
            throw new InvalidDataException($"confidence temperature {temperature} is not a positive number");
        }

        var external = Gazetteer.Read(reader);
        var trainingNames = Gazetteer.Read(reader);
        var model = AveragedPerceptron.Read(reader);
        if (model.ClassCount != labels.ClassCount)
        {
            throw new InvalidDataException($"the perceptron has {model.ClassCount} classes, the labels {labels.ClassCount}");
        }

        return new EntityRecognizer(labels, model, external, trainingNames, file.Metadata, temperature);
    });

    /// <summary>Per-call buffers (sized up as sentences grow).</summary>
    internal sealed class Scratch(int classCount)
    {
        private EntityToken[] tokens = new EntityToken[64];
        private ulong[] hashes = new ulong[64];

        public ulong[] Features { get; } = new ulong[EntityFeatures.MaxFeatures];

        public float[] Scores { get; } = new float[classCount];

        public Span<EntityToken> Tokens(int count)
        {
            if (tokens.Length < count)
            {
                tokens = new EntityToken[Math.Max(count, tokens.Length * 2)];
            }

            return tokens.AsSpan(0, count);
        }

        public Span<ulong> Hashes(int count)
        {
            if (hashes.Length < count)
            {
                hashes = new ulong[Math.Max(count, hashes.Length * 2)];
            }

            return hashes.AsSpan(0, count);
        }
    }
}
