using System.Collections.Frozen;

namespace Storytelling.Nlp.Tagging.Internal;

/// <summary>
/// "Can be a noun / verb / adjective / adverb" bits from WordNet 3.0, plus "is a regular or irregular inflection of
/// one" bits (plural noun, verb -s, -ed, -ing, adjective -er/-est) generated from the index lemmas with the usual
/// English spelling rules and the exception lists. Keyed by the lower-cased word's feature hash
/// (<see cref="TaggerFeatures.LowerKey"/>), so the tagger reads it with the hash it computes anyway. Stored in the
/// tagger model so run time needs no WordNet files.
/// </summary>
internal sealed class WordClasses
{
    public const int Noun = 1, Verb = 2, Adjective = 4, Adverb = 8, Plural = 16, VerbS = 32, VerbEd = 64, VerbIng = 128, Comparative = 256;

    private readonly FrozenDictionary<ulong, ushort> bits;

    public WordClasses(IEnumerable<KeyValuePair<ulong, ushort>> entries) => bits = entries.ToFrozenDictionary();

    public static WordClasses Empty { get; } = new([]);

    public int Count => bits.Count;

    /// <summary>The bits of the word whose lower-case key is <paramref name="lowerKey"/>, 0 when unknown.</summary>
    public int Find(ulong lowerKey) => bits.TryGetValue(lowerKey, out ushort found) ? found : 0;

    /// <summary>Reads <c>index.noun|verb|adj|adv</c> and <c>noun|verb|adj.exc</c> from a WordNet 3.0 directory.</summary>
    public static WordClasses ReadWordNet(string directory)
    {
        var map = new Dictionary<ulong, ushort>();
        void Add(string form, int bit)
        {
            if (form.Length == 0 || form.Contains('_', StringComparison.Ordinal))
            {
                return;
            }

            ulong key = TaggerFeatures.LowerKey(form);
            map[key] = (ushort)(map.GetValueOrDefault(key) | bit);
        }

        foreach (var (file, bit) in new[] { ("index.noun", Noun), ("index.verb", Verb), ("index.adj", Adjective), ("index.adv", Adverb) })
        {
            foreach (string lemma in Lemmas(Path.Combine(directory, file)))
            {
                Add(lemma, bit);
                if (bit == Noun)
                {
                    Add(PluralOf(lemma), Plural);
                }
                else if (bit == Verb)
                {
                    Add(PluralOf(lemma), VerbS);
                    Add(PastOf(lemma), VerbEd);
                    Add(GerundOf(lemma), VerbIng);
                }
                else if (bit == Adjective && lemma.Length > 2)
                {
                    string stem = lemma.EndsWith('e') ? lemma[..^1] : lemma.EndsWith('y') ? lemma[..^1] + "i" : lemma;
                    Add(stem + "er", Comparative);
                    Add(stem + "est", Comparative);
                }
            }
        }

        foreach (var (inflected, _) in Exceptions(Path.Combine(directory, "noun.exc")))
        {
            Add(inflected, Plural);
        }

        foreach (var (inflected, _) in Exceptions(Path.Combine(directory, "verb.exc")))
        {
            Add(inflected, inflected.EndsWith("ing", StringComparison.Ordinal) ? VerbIng : VerbEd);
        }

        foreach (var (inflected, _) in Exceptions(Path.Combine(directory, "adj.exc")))
        {
            Add(inflected, Comparative);
        }

        return new WordClasses(map);
    }

    private static IEnumerable<string> Lemmas(string path)
    {
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == ' ')
            {
                continue;
            }

            int space = line.IndexOf(' ', StringComparison.Ordinal);
            yield return space < 0 ? line : line[..space];
        }
    }

    private static IEnumerable<(string Inflected, string Lemma)> Exceptions(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (string line in File.ReadLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2)
            {
                yield return (parts[0], parts[1]);
            }
        }
    }

    private static bool Sibilant(string word) =>
        word.EndsWith('s') || word.EndsWith('x') || word.EndsWith('z') || word.EndsWith("ch", StringComparison.Ordinal) || word.EndsWith("sh", StringComparison.Ordinal);

    private static bool ConsonantY(string word) => word.Length > 1 && word[^1] == 'y' && !"aeiou".Contains(word[^2], StringComparison.Ordinal);

    private static string PluralOf(string word) =>
        ConsonantY(word) ? word[..^1] + "ies" : Sibilant(word) ? word + "es" : word + "s";

    private static string PastOf(string word) =>
        word.EndsWith('e') ? word + "d" : ConsonantY(word) ? word[..^1] + "ied" : word + "ed";

    private static string GerundOf(string word) =>
        word.EndsWith("ie", StringComparison.Ordinal) ? word[..^2] + "ying"
        : word.EndsWith('e') && !word.EndsWith("ee", StringComparison.Ordinal) && word.Length > 2 ? word[..^1] + "ing"
        : word + "ing";

    public void Write(BinaryWriter writer)
    {
        writer.Write(bits.Count);
        foreach (var (key, value) in bits.OrderBy(p => p.Key))
        {
            writer.Write(key);
            writer.Write(value);
        }
    }

    public static WordClasses Read(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"word class table size {count} is negative");
        }

        var entries = new KeyValuePair<ulong, ushort>[count];
        for (int i = 0; i < count; i++)
        {
            entries[i] = new(reader.ReadUInt64(), reader.ReadUInt16());
        }

        return new WordClasses(entries);
    }
}
