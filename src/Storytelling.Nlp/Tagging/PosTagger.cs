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

    private readonly AveragedPerceptron model;
    private readonly FrozenDictionary<string, int> tagDictionary;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> tagDictionaryLookup;

    internal PosTagger(string[] xpos, string[] upos, AveragedPerceptron model, FrozenDictionary<string, int> tagDictionary, TagLexicon lexicon, IReadOnlyDictionary<string, string> metadata)
    {
        XposLabels = xpos;
        UposLabels = upos;
        this.model = model;
        this.tagDictionary = tagDictionary;
        tagDictionaryLookup = tagDictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        Lexicon = lexicon;
        Metadata = metadata;
    }

    /// <summary>The same model with other metadata (e.g. dev scores added after training).</summary>
    internal PosTagger(PosTagger other, IReadOnlyDictionary<string, string> metadata)
        : this(other.XposLabels, other.UposLabels, other.model, other.tagDictionary, other.Lexicon, metadata)
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

    internal string[] XposLabels { get; }

    internal string[] UposLabels { get; }

    internal TagLexicon Lexicon { get; }

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
        TaggerFeatures.Prepare(document, first, first + classes.Length, Lexicon, infos);
        for (int i = 0; i < classes.Length; i++)
        {
            if (tagDictionaryLookup.TryGetValue(document.TokenText(first + i), out int known))
            {
                classes[i] = known;
                continue;
            }

            int n = TaggerFeatures.Extract(document, first, infos, i, classes, features);
            classes[i] = model.Predict(features[..n], scores);
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

    internal int LookUp(ReadOnlySpan<char> word) => tagDictionaryLookup.TryGetValue(word, out int known) ? known : -1;

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

            Lexicon.Write(writer);
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

        var lexicon = TagLexicon.Read(reader);
        var model = AveragedPerceptron.Read(reader);
        if (model.ClassCount != classCount)
        {
            throw new InvalidDataException($"the perceptron has {model.ClassCount} classes, the labels {classCount}");
        }

        return new PosTagger(xpos, upos, model, dictionary.ToFrozenDictionary(StringComparer.Ordinal), lexicon, file.Metadata);
    });
}
