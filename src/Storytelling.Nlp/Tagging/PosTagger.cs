using System.Collections.Frozen;
using Storytelling.Nlp.Learning;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tagging.Internal;

namespace Storytelling.Nlp.Tagging;

/// <summary>
/// Greedy averaged-perceptron POS tagger predicting UPOS and PTB XPOS jointly (one class per observed
/// XPOS+UPOS pair). Frequent unambiguous words are tagged from a tag dictionary without scoring. Immutable and
/// thread-safe: scratch buffers live on the stack of each call.
/// </summary>
public sealed class PosTagger : INlpComponent
{
    public const string ComponentName = "tagger";

    /// <summary><see cref="LookUp"/>'s answer for a word that is neither in the tag dictionary nor cached.</summary>
    internal const int NotFound = int.MinValue;

    private readonly AveragedPerceptron model;
    private readonly FrozenDictionary<string, int> tagDictionary;
    private readonly string[] cachedWords;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> vocabularyLookup;
    private readonly float[] cachedScores;

    /// <param name="cachedWords">
    /// Frequent words whose word-only feature weights (<see cref="TaggerFeatures.ExtractIntrinsic"/>) are summed once
    /// here, so tagging them looks up only the context features. Ignored until the model is averaged.
    /// </param>
    internal PosTagger(string[] xpos, string[] upos, AveragedPerceptron model, FrozenDictionary<string, int> tagDictionary, string[] cachedWords, TagLexicon lexicon, WordClasses wordClasses, IReadOnlyDictionary<string, string> metadata)
    {
        XposLabels = xpos;
        UposLabels = upos;
        this.model = model;
        this.tagDictionary = tagDictionary;
        Lexicon = lexicon;
        WordClasses = wordClasses;
        Metadata = metadata;
        this.cachedWords = model.IsAveraged ? [.. cachedWords.Where(w => !tagDictionary.ContainsKey(w))] : [];
        var vocabulary = new Dictionary<string, int>(tagDictionary, StringComparer.Ordinal);
        cachedScores = new float[this.cachedWords.Length * xpos.Length];
        Span<ulong> features = stackalloc ulong[TaggerFeatures.MaxFeatures];
        var info = default(TokenInfo);
        for (int row = 0; row < this.cachedWords.Length; row++)
        {
            string word = this.cachedWords[row];
            vocabulary[word] = ~row;
            TaggerFeatures.Describe(word, this, ref info);
            int n = TaggerFeatures.ExtractIntrinsic(word, info, features);
            model.Score(features[..n], cachedScores.AsSpan(row * xpos.Length, xpos.Length));
        }

        vocabularyLookup = vocabulary.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The same model with other metadata (e.g. dev scores added after training).</summary>
    internal PosTagger(PosTagger other, IReadOnlyDictionary<string, string> metadata)
        : this(other.XposLabels, other.UposLabels, other.model, other.tagDictionary, other.cachedWords, other.Lexicon, other.WordClasses, metadata)
    {
    }

    /// <summary>The same model with <paramref name="cachedWords"/> (after training).</summary>
    internal PosTagger(PosTagger other, string[] cachedWords)
        : this(other.XposLabels, other.UposLabels, other.model, other.tagDictionary, cachedWords, other.Lexicon, other.WordClasses, other.Metadata)
    {
    }

    public string Name => ComponentName;

    public Annotations Requires => Annotations.Tokens | Annotations.Sentences;

    public Annotations Produces => Annotations.Tags;

    /// <summary>Training metadata stored in the model file (data, scores, date).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public int ClassCount => XposLabels.Length;

    public int FeatureCount => model.FeatureCount;

    public int TagDictionarySize => tagDictionary.Count;

    /// <summary>Words whose word-only feature scores are precomputed.</summary>
    public int CachedWordCount => cachedWords.Length;

    internal string[] XposLabels { get; }

    internal string[] UposLabels { get; }

    internal TagLexicon Lexicon { get; }

    internal WordClasses WordClasses { get; }

    public void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        Span<ulong> features = stackalloc ulong[TaggerFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[ClassCount];
        TokenInfo[]? rentedInfos = null;
        int[]? rentedClasses = null;
        Span<TokenInfo> infoBuffer = stackalloc TokenInfo[128];
        Span<int> classBuffer = stackalloc int[128];
        var upos = document.Upos;
        var xpos = document.Xpos;
        foreach (var sentence in document.Sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = sentence.Count;
            if (count > infoBuffer.Length)
            {
                ReturnBuffers(rentedInfos, rentedClasses);
                rentedInfos = System.Buffers.ArrayPool<TokenInfo>.Shared.Rent(count);
                rentedClasses = System.Buffers.ArrayPool<int>.Shared.Rent(count);
                infoBuffer = rentedInfos;
                classBuffer = rentedClasses;
            }

            var infos = infoBuffer[..count];
            var classes = classBuffer[..count];
            Tag(document, sentence.Start, infos, classes, features, scores);
            for (int i = 0; i < count; i++)
            {
                upos[sentence.Start + i] = UposLabels[classes[i]];
                xpos[sentence.Start + i] = XposLabels[classes[i]];
            }
        }

        ReturnBuffers(rentedInfos, rentedClasses);
        document.MarkProduced(Annotations.Tags);
    }

    /// <summary>Tags the sentence starting at <paramref name="first"/> with <paramref name="classes"/>.Length tokens.</summary>
    internal void Tag(Document document, int first, Span<TokenInfo> infos, Span<int> classes, Span<ulong> features, Span<float> scores)
    {
        int sentenceCase = TaggerFeatures.Prepare(document, first, first + classes.Length, this, infos);
        for (int i = 0; i < classes.Length; i++)
        {
            int known = infos[i].Dictionary;
            if (known >= 0)
            {
                classes[i] = known;
                continue;
            }

            int row = infos[i].CachedRow;
            int n = TaggerFeatures.Extract(document, first, infos, sentenceCase, i, classes, intrinsic: row < 0, features);
            model.Score(features[..n], scores);
            if (row >= 0)
            {
                AddTo(scores, cachedScores.AsSpan(row * scores.Length, scores.Length));
            }

            classes[i] = AveragedPerceptron.ArgMax(scores);
        }
    }

    private static void ReturnBuffers(TokenInfo[]? infos, int[]? classes)
    {
        if (infos != null)
        {
            System.Buffers.ArrayPool<TokenInfo>.Shared.Return(infos);
        }

        if (classes != null)
        {
            System.Buffers.ArrayPool<int>.Shared.Return(classes);
        }
    }

    /// <summary>The tag-dictionary class of the word (≥ 0), the complement of its cached-scores row (&lt; 0), or <see cref="NotFound"/>.</summary>
    internal int LookUp(ReadOnlySpan<char> word) => vocabularyLookup.TryGetValue(word, out int entry) ? entry : NotFound;

    private static void AddTo(Span<float> scores, ReadOnlySpan<float> row)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            int width = System.Numerics.Vector<float>.Count;
            for (; i + width <= scores.Length; i += width)
            {
                (new System.Numerics.Vector<float>(scores[i..]) + new System.Numerics.Vector<float>(row[i..])).CopyTo(scores[i..]);
            }
        }

        for (; i < scores.Length; i++)
        {
            scores[i] += row[i];
        }
    }

    public void Save(string path)
    {
        ModelWriter.Write(path, ComponentName, Metadata, writer =>
        {
            writer.Write(XposLabels.Length);
            for (int c = 0; c < XposLabels.Length; c++)
            {
                writer.Write(XposLabels[c]);
                writer.Write(UposLabels[c]);
            }

            writer.Write(tagDictionary.Count);
            foreach (var (word, label) in tagDictionary.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.Write(word);
                writer.Write7BitEncodedInt(label);
            }

            writer.Write(cachedWords.Length);
            foreach (string word in cachedWords)
            {
                writer.Write(word);
            }

            Lexicon.Write(writer);
            WordClasses.Write(writer);
            model.Write(writer);
        });
    }

    /// <summary>Loads a tagger model; any problem is a <see cref="ModelLoadException"/> naming the file.</summary>
    public static PosTagger Load(string path) => ModelReader.Load(path, ComponentName, static (file, reader) =>
    {
        int classCount = reader.ReadInt32();
        if (classCount is < 1 or > 4096)
        {
            throw new InvalidDataException($"class count {classCount} is out of range");
        }

        var xpos = new string[classCount];
        var upos = new string[classCount];
        for (int c = 0; c < classCount; c++)
        {
            xpos[c] = string.Intern(reader.ReadString());
            upos[c] = string.Intern(reader.ReadString());
        }

        int dictionarySize = reader.ReadInt32();
        if (dictionarySize < 0)
        {
            throw new InvalidDataException($"tag dictionary size {dictionarySize} is negative");
        }

        var dictionary = new Dictionary<string, int>(dictionarySize, StringComparer.Ordinal);
        for (int d = 0; d < dictionarySize; d++)
        {
            string word = reader.ReadString();
            int label = reader.Read7BitEncodedInt();
            if (label < 0 || label >= classCount)
            {
                throw new InvalidDataException($"tag dictionary label {label} of '{word}' is out of range");
            }

            dictionary[word] = label;
        }

        int cachedCount = reader.ReadInt32();
        if (cachedCount < 0)
        {
            throw new InvalidDataException($"cached word count {cachedCount} is negative");
        }

        var cached = new string[cachedCount];
        for (int w = 0; w < cachedCount; w++)
        {
            cached[w] = reader.ReadString();
        }

        var lexicon = TagLexicon.Read(reader);
        var wordClasses = WordClasses.Read(reader);
        var model = AveragedPerceptron.Read(reader);
        if (model.ClassCount != classCount)
        {
            throw new InvalidDataException($"the perceptron has {model.ClassCount} classes, the labels {classCount}");
        }

        return new PosTagger(xpos, upos, model, dictionary.ToFrozenDictionary(StringComparer.Ordinal), cached, lexicon, wordClasses, file.Metadata);
    });
}
