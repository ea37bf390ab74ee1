using System.Globalization;
using System.Text;
using Storytelling.Nlp.Models;

namespace Storytelling.Nlp.Language;

/// <summary>
/// Character n-gram (1-4) multinomial naive Bayes over hashed n-grams of the lower-cased text, trained by
/// <see cref="LanguageIdentifierTrainer"/> from sentences per language. Immutable and safe to share across threads.
/// </summary>
public sealed class LanguageIdentifier
{
    public const string ComponentName = "langid";
    public const string Undetermined = "und";
    public const int MaxOrder = 4;

    private readonly string[] _languages;
    private readonly Dictionary<ulong, int> _rows;
    private readonly float[] _logProbabilities; // rows x languages
    private readonly float[] _unseen; // per language

    internal LanguageIdentifier(string[] languages, Dictionary<ulong, int> rows, float[] logProbabilities, float[] unseen, IReadOnlyDictionary<string, string> metadata)
    {
        _languages = languages;
        _rows = rows;
        _logProbabilities = logProbabilities;
        _unseen = unseen;
        Metadata = metadata;
    }

    public IReadOnlyList<string> Languages => _languages;

    internal Dictionary<ulong, int> Rows => _rows;

    internal float[] LogProbabilities => _logProbabilities;

    internal float[] Unseen => _unseen;

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Identifies the language of <paramref name="text"/>; text without letters is <see cref="Undetermined"/>.</summary>
    public LanguageGuess Identify(ReadOnlySpan<char> text)
    {
        var normalized = Normalize(text);
        if (normalized.Length <= 2)
        {
            return new LanguageGuess(Undetermined, 0);
        }

        var languages = _languages.Length;
        Span<double> scores = stackalloc double[languages];
        scores.Clear();
        var table = _logProbabilities.AsSpan();
        var unseen = _unseen.AsSpan();
        foreach (var key in new NGramKeys(normalized))
        {
            var row = _rows.TryGetValue(key, out var r) ? table.Slice(r * languages, languages) : unseen;
            for (var l = 0; l < languages; l++)
            {
                scores[l] += row[l];
            }
        }

        var best = 0;
        for (var l = 1; l < languages; l++)
        {
            if (scores[l] > scores[best])
            {
                best = l;
            }
        }

        var sum = 0.0;
        for (var l = 0; l < languages; l++)
        {
            sum += Math.Exp(scores[l] - scores[best]);
        }

        return new LanguageGuess(_languages[best], 1 / sum);
    }

    /// <summary>The hashed character n-grams (orders 1 to <see cref="MaxOrder"/>) of the lower-cased, space-padded words.</summary>
    internal static IEnumerable<ulong> NGrams(ReadOnlySpan<char> text)
    {
        var normalized = Normalize(text);
        var hashes = new List<ulong>(normalized.Length * MaxOrder);
        foreach (var key in new NGramKeys(normalized))
        {
            hashes.Add(key);
        }

        return hashes;
    }

    /// <summary>Lower case, letters kept, every run of non-letters one space, padded with spaces.</summary>
    private static string Normalize(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        if (builder[^1] != ' ')
        {
            builder.Append(' ');
        }

        return builder.ToString();
    }

    public void Save(string path) => ModelWriter.Write(path, ComponentName, Metadata, writer =>
    {
        writer.Write(_languages.Length);
        foreach (var language in _languages)
        {
            writer.Write(language);
        }

        foreach (var value in _unseen)
        {
            writer.Write(value);
        }

        writer.Write(_rows.Count);
        foreach (var (hash, row) in _rows.OrderBy(r => r.Value))
        {
            writer.Write(hash);
            for (var l = 0; l < _languages.Length; l++)
            {
                writer.Write((Half)_logProbabilities[(row * _languages.Length) + l]);
            }
        }
    });

    public static LanguageIdentifier Load(string path) => ModelReader.Load(path, ComponentName, (file, reader) =>
    {
        var count = reader.ReadInt32();
        if (count is <= 0 or > 1000)
        {
            throw new InvalidDataException($"implausible language count {count.ToString(CultureInfo.InvariantCulture)}");
        }

        var languages = new string[count];
        for (var l = 0; l < count; l++)
        {
            languages[l] = reader.ReadString();
        }

        var unseen = new float[count];
        for (var l = 0; l < count; l++)
        {
            unseen[l] = reader.ReadSingle();
        }

        var rowCount = reader.ReadInt32();
        var rows = new Dictionary<ulong, int>(rowCount);
        var logProbabilities = new float[rowCount * count];
        for (var r = 0; r < rowCount; r++)
        {
            rows[reader.ReadUInt64()] = r;
            for (var l = 0; l < count; l++)
            {
                logProbabilities[(r * count) + l] = (float)reader.ReadHalf();
            }
        }

        return new LanguageIdentifier(languages, rows, logProbabilities, unseen, file.Metadata);
    });

    /// <summary>
    /// The n-gram keys of a normalized text, without allocating: for each start, orders 1 to <see cref="MaxOrder"/>
    /// (FNV-1a of the characters, xor the order), no n-gram spanning two words, no lone space. The one definition of
    /// the features, shared by identification and training.
    /// </summary>
    private ref struct NGramKeys(ReadOnlySpan<char> normalized)
    {
        private const ulong Offset = 14695981039346656037UL;
        private readonly ReadOnlySpan<char> _text = normalized;
        private int _start;
        private int _order;
        private ulong _hash = Offset;

        public ulong Current { get; private set; }

        public readonly NGramKeys GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_start < _text.Length)
            {
                var order = _order + 1;
                if (order > MaxOrder || _start + order > _text.Length)
                {
                    NextStart();
                    continue;
                }

                var c = _text[_start + order - 1];
                if (order > 1 && c == ' ' && _text[_start] == ' ')
                {
                    NextStart();
                    continue;
                }

                _hash = (_hash ^ c) * 1099511628211UL;
                _order = order;
                if (order == 1 && c == ' ')
                {
                    continue;
                }

                Current = _hash ^ (ulong)order;
                return true;
            }

            return false;
        }

        private void NextStart()
        {
            _start++;
            _order = 0;
            _hash = Offset;
        }
    }
}
