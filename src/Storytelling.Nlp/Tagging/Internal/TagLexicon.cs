using System.Collections.Frozen;

namespace Storytelling.Nlp.Tagging.Internal;

/// <summary>
/// Word → most frequent PTB tag (the Pattern English lexicon, from Brill's tagger), looked up from spans: the exact
/// form first, then its lower-case form. Stored inside the tagger model so run time needs no external file.
/// </summary>
internal sealed class TagLexicon
{
    private readonly FrozenDictionary<string, byte> tagOf;
    private readonly FrozenDictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public TagLexicon(IReadOnlyList<string> tags, IEnumerable<KeyValuePair<string, byte>> entries)
    {
        Tags = [.. tags];
        tagOf = entries.ToFrozenDictionary(StringComparer.Ordinal);
        lookup = tagOf.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public const int ViaLowerCase = 0x100;

    public static TagLexicon Empty { get; } = new([], []);

    public string[] Tags { get; }

    public int Count => tagOf.Count;

    /// <summary>
    /// Tag index + 1 of the word, or 0 when unknown; <see cref="ViaLowerCase"/> is added when only the lower-cased
    /// form of a word with capitals is listed (a capitalized common word rather than a name).
    /// </summary>
    public int Find(ReadOnlySpan<char> word)
    {
        if (lookup.TryGetValue(word, out byte tag))
        {
            return tag + 1;
        }

        if (word.Length > 64)
        {
            return 0;
        }

        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        return lookup.TryGetValue(lower, out tag) ? (tag + 1) | ViaLowerCase : 0;
    }

    /// <summary>Reads the Pattern lexicon format: one "word TAG" per line, ";;;" comments.</summary>
    public static TagLexicon ReadPattern(string path)
    {
        var tags = new List<string>();
        var tagIndex = new Dictionary<string, byte>(StringComparer.Ordinal);
        var entries = new Dictionary<string, byte>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith(";;;", StringComparison.Ordinal))
            {
                continue;
            }

            int space = line.LastIndexOf(' ');
            if (space <= 0)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'word TAG'.");
            }

            string tag = line[(space + 1)..];
            if (!tagIndex.TryGetValue(tag, out byte index))
            {
                if (tags.Count == byte.MaxValue)
                {
                    throw new FormatException($"{path}:{lineNumber}: more than {byte.MaxValue} distinct tags.");
                }

                index = (byte)tags.Count;
                tags.Add(tag);
                tagIndex[tag] = index;
            }

            entries.TryAdd(line[..space], index);
        }

        return new TagLexicon(tags, entries);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Tags.Length);
        foreach (string tag in Tags)
        {
            writer.Write(tag);
        }

        writer.Write(tagOf.Count);
        foreach (var (word, tag) in tagOf.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(word);
            writer.Write(tag);
        }
    }

    public static TagLexicon Read(BinaryReader reader)
    {
        int tagCount = reader.ReadInt32();
        if (tagCount is < 0 or > byte.MaxValue)
        {
            throw new InvalidDataException($"Lexicon tag count {tagCount} is out of range.");
        }

        var tags = new string[tagCount];
        for (int i = 0; i < tagCount; i++)
        {
            tags[i] = reader.ReadString();
        }

        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"Lexicon size {count} is negative.");
        }

        var entries = new KeyValuePair<string, byte>[count];
        for (int i = 0; i < count; i++)
        {
            string word = reader.ReadString();
            byte tag = reader.ReadByte();
            if (tag >= tagCount)
            {
                throw new InvalidDataException($"Lexicon tag {tag} of '{word}' is out of range.");
            }

            entries[i] = new(word, tag);
        }

        return new TagLexicon(tags, entries);
    }
}
