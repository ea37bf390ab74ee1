using System.Collections.Frozen;
using Storytelling.Nlp.Features;
using Storytelling.Nlp.Learning;
using Storytelling.Nlp.Lemmatization.Internal;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Lemmatization;

/// <summary>
/// Lemmatizer: (1) a (form, XPOS) → lemma table of the training words, (2) WordNet 3.0 exception lists for
/// irregular nouns, verbs, adjectives and adverbs, (3) an averaged-perceptron classifier over edit scripts
/// (strip k characters, append a suffix, lower-case or not) for everything else. Immutable and thread-safe.
/// </summary>
public sealed class Lemmatizer : INlpComponent
{
    public const string ComponentName = "lemmatizer";

    private readonly EditScript[] scripts;
    private readonly AveragedPerceptron model;
    private readonly FrozenDictionary<ulong, string> table;
    private readonly FrozenDictionary<ulong, string> exceptions;

    internal Lemmatizer(EditScript[] scripts, AveragedPerceptron model, FrozenDictionary<ulong, string> table, FrozenDictionary<ulong, string> exceptions, IReadOnlyDictionary<string, string> metadata)
    {
        this.scripts = scripts;
        this.model = model;
        this.table = table;
        this.exceptions = exceptions;
        Metadata = metadata;
    }

    /// <summary>The same model with other metadata (e.g. dev scores added after training).</summary>
    internal Lemmatizer(Lemmatizer other, IReadOnlyDictionary<string, string> metadata)
        : this(other.scripts, other.model, other.table, other.exceptions, metadata)
    {
    }

    public string Name => ComponentName;

    public Annotations Requires => Annotations.Tokens | Annotations.Tags;

    public Annotations Produces => Annotations.Lemmas;

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public int ScriptCount => scripts.Length;

    public int TableSize => table.Count;

    public int ExceptionCount => exceptions.Count;

    public void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        Span<ulong> features = stackalloc ulong[LemmaFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[scripts.Length];
        var lemmas = document.Lemmas;
        var upos = document.Upos;
        var xpos = document.Xpos;
        for (int i = 0; i < document.TokenCount; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            lemmas[i] = Lemmatize(document.TokenText(i), upos[i], xpos[i], features, scores);
        }

        document.MarkProduced(Annotations.Lemmas);
    }

    /// <summary>The lemma of one word given its tags.</summary>
    public string Lemmatize(ReadOnlySpan<char> form, string upos, string xpos)
    {
        ArgumentNullException.ThrowIfNull(upos);
        ArgumentNullException.ThrowIfNull(xpos);
        Span<ulong> features = stackalloc ulong[LemmaFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[scripts.Length];
        return Lemmatize(form, upos, xpos, features, scores);
    }

    private string Lemmatize(ReadOnlySpan<char> form, string upos, string xpos, Span<ulong> features, Span<float> scores)
    {
        if (form.IsEmpty)
        {
            return string.Empty;
        }

        if (table.TryGetValue(TableKey(form, xpos), out string? known))
        {
            return known;
        }

        char wordClass = WordNetClass(xpos);
        if (wordClass != '\0' && form.Length <= 64)
        {
            Span<char> lower = stackalloc char[form.Length];
            form.ToLowerInvariant(lower);
            if (exceptions.TryGetValue(ExceptionKey(lower, wordClass), out string? irregular))
            {
                return irregular;
            }
        }

        int n = LemmaFeatures.Extract(form, upos, xpos, features);
        model.Score(features[..n], scores);
        int best = -1;
        for (int c = 0; c < scripts.Length; c++)
        {
            if ((best < 0 || scores[c] > scores[best]) && scripts[c].AppliesTo(form))
            {
                best = c;
            }
        }

        return best < 0 ? form.ToString() : scripts[best].Apply(form);
    }

    internal static ulong TableKey(ReadOnlySpan<char> form, string xpos) => FeatureHasher.Hash(901, form, xpos);

    internal static ulong ExceptionKey(ReadOnlySpan<char> lowerForm, char wordClass) => FeatureHasher.Hash(902, wordClass, lowerForm);

    /// <summary>The WordNet exception list that applies to a PTB tag: n, v, a, r, or none.</summary>
    internal static char WordNetClass(string xpos) => xpos switch
    {
        "NNS" => 'n',
        "VBD" or "VBN" or "VBG" or "VBZ" or "VBP" => 'v',
        "JJR" or "JJS" => 'a',
        "RBR" or "RBS" => 'r',
        _ => '\0',
    };

    public void Save(string path)
    {
        ModelWriter.Write(path, ComponentName, Metadata, writer =>
        {
            writer.Write(scripts.Length);
            foreach (var script in scripts)
            {
                writer.Write7BitEncodedInt(script.Strip);
                writer.Write(script.Append);
                writer.Write(script.Lower);
            }

            WriteMap(writer, table);
            WriteMap(writer, exceptions);
            model.Write(writer);
        });
    }

    public static Lemmatizer Load(string path) => ModelReader.Load(path, ComponentName, static (file, reader) =>
    {
        int count = reader.ReadInt32();
        if (count is < 1 or > ushort.MaxValue)
        {
            throw new InvalidDataException($"edit script count {count} is out of range");
        }

        var scripts = new EditScript[count];
        for (int c = 0; c < count; c++)
        {
            scripts[c] = new EditScript(reader.Read7BitEncodedInt(), reader.ReadString(), reader.ReadBoolean());
        }

        var table = ReadMap(reader);
        var exceptions = ReadMap(reader);
        var model = AveragedPerceptron.Read(reader);
        if (model.ClassCount != count)
        {
            throw new InvalidDataException($"the perceptron has {model.ClassCount} classes, the scripts {count}");
        }

        return new Lemmatizer(scripts, model, table, exceptions, file.Metadata);
    });

    private static void WriteMap(BinaryWriter writer, FrozenDictionary<ulong, string> map)
    {
        writer.Write(map.Count);
        foreach (var (key, value) in map.OrderBy(p => p.Key))
        {
            writer.Write(key);
            writer.Write(value);
        }
    }

    private static FrozenDictionary<ulong, string> ReadMap(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"table size {count} is negative");
        }

        var map = new Dictionary<ulong, string>(count);
        for (int i = 0; i < count; i++)
        {
            ulong key = reader.ReadUInt64();
            map[key] = string.Intern(reader.ReadString());
        }

        return map.ToFrozenDictionary();
    }
}
