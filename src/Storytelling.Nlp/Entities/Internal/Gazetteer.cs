using Storytelling.Nlp.Features;

namespace Storytelling.Nlp.Entities.Internal;

/// <summary>
/// Multi-token name lists matched case-insensitively on token sequences. An entry is the chained hash of its
/// lower-cased tokens (tokenized like running text) → a mask of source bits (<see cref="GazetteerSource"/>); every
/// proper prefix of an entry carries <see cref="PrefixBit"/> so matching can stop as soon as no entry continues.
/// Read-only after building; safe to share across threads.
/// </summary>
internal sealed class Gazetteer
{
    public const ushort PrefixBit = 0x8000;
    public const int MaxTokens = 10;
    private const int ChainTemplate = 9001;

    private readonly Dictionary<ulong, ushort> entries;

    public Gazetteer()
        : this([])
    {
    }

    private Gazetteer(Dictionary<ulong, ushort> entries) => this.entries = entries;

    public int Count => entries.Count;

    /// <summary>The hash of a lower-cased token, as <see cref="EntityFeatures"/> computes it for running text.</summary>
    public static ulong TokenHash(ReadOnlySpan<char> token) => FeatureHasher.HashLower(EntityFeatures.LowerTemplate, token);

    public static ulong Chain(ulong previous, ulong token) => FeatureHasher.Hash(ChainTemplate, previous, token);

    /// <summary>Adds an entry given its token hashes (entries longer than <see cref="MaxTokens"/> are skipped).</summary>
    public void Add(ReadOnlySpan<ulong> tokens, ushort sourceBits)
    {
        if (tokens.IsEmpty || tokens.Length > MaxTokens)
        {
            return;
        }

        ulong hash = tokens[0];
        for (int k = 1; k < tokens.Length; k++)
        {
            entries[hash] = (ushort)(entries.GetValueOrDefault(hash) | PrefixBit);
            hash = Chain(hash, tokens[k]);
        }

        entries[hash] = (ushort)(entries.GetValueOrDefault(hash) | sourceBits);
    }

    /// <summary>Adds an entry given as text, split with <see cref="Tokenization.Tokenizer"/>.</summary>
    public void Add(string name, ushort sourceBits)
    {
        var tokens = Tokenization.Tokenizer.Tokenize(name);
        if (tokens.Length == 0 || tokens.Length > MaxTokens)
        {
            return;
        }

        Span<ulong> hashes = stackalloc ulong[tokens.Length];
        for (int k = 0; k < tokens.Length; k++)
        {
            hashes[k] = TokenHash(name.AsSpan(tokens[k].Start, tokens[k].Length));
        }

        Add(hashes, sourceBits);
    }

    /// <summary>
    /// ORs into the B/I/L/U masks of each token the source bits of every entry matching tokens [start, start+n)
    /// (all matches, nested and overlapping ones included; one-token matches are U).
    /// </summary>
    public void Match(ReadOnlySpan<ulong> tokenHashes, Span<EntityToken> tokens)
    {
        if (entries.Count == 0)
        {
            return;
        }

        for (int start = 0; start < tokenHashes.Length; start++)
        {
            ulong hash = tokenHashes[start];
            for (int end = start + 1; ; end++)
            {
                if (!entries.TryGetValue(hash, out ushort mask))
                {
                    break;
                }

                ushort sources = (ushort)(mask & ~PrefixBit);
                if (sources != 0)
                {
                    if (end - start == 1)
                    {
                        tokens[start].GazU |= sources;
                    }
                    else
                    {
                        tokens[start].GazB |= sources;
                        tokens[end - 1].GazL |= sources;
                        for (int k = start + 1; k < end - 1; k++)
                        {
                            tokens[k].GazI |= sources;
                        }
                    }
                }

                if ((mask & PrefixBit) == 0 || end >= tokenHashes.Length)
                {
                    break;
                }

                hash = Chain(hash, tokenHashes[end]);
            }
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(entries.Count);
        foreach (var (key, mask) in entries.OrderBy(e => e.Key))
        {
            writer.Write(key);
            writer.Write(mask);
        }
    }

    public static Gazetteer Read(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"gazetteer entry count {count} is negative");
        }

        var entries = new Dictionary<ulong, ushort>(count);
        for (int e = 0; e < count; e++)
        {
            ulong key = reader.ReadUInt64();
            ushort mask = reader.ReadUInt16();
            if (!entries.TryAdd(key, mask))
            {
                throw new InvalidDataException($"gazetteer entry {key:X16} appears twice");
            }
        }

        return new Gazetteer(entries);
    }
}
