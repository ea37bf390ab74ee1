namespace Storytelling.Nlp.Entities;

/// <summary>
/// Converts between entity spans and per-token label sequences: IOB2 (<c>B-X I-X</c>, read leniently: an <c>I-X</c>
/// that does not continue an <c>X</c> entity starts one, as conlleval does) and BILOU (Ratinov &amp; Roth 2009:
/// <c>B-X</c> begin, <c>I-X</c> inside, <c>L-X</c> last, <c>U-X</c> unit-length, <c>O</c> outside).
/// <see cref="Decode"/> repairs invalid BILOU sequences: every maximal run of one type's B/I/L labels is an entity
/// (a B or I without its L ends where the run ends, an I or L without a B starts where the run starts).
/// </summary>
public static class BilouCodec
{
    public const string Outside = "O";

    /// <summary>Spans of an IOB2 tag sequence.</summary>
    public static IReadOnlyList<LabeledSpan> SpansFromIob2(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var spans = new List<LabeledSpan>();
        int start = -1;
        string? type = null;
        for (int i = 0; i < tags.Count; i++)
        {
            string tag = tags[i];
            bool continues = tag.Length > 2 && tag[0] == 'I' && type != null && tag.AsSpan(2).SequenceEqual(type);
            if (continues)
            {
                continue;
            }

            if (type != null)
            {
                spans.Add(new LabeledSpan(start, i, type));
                type = null;
            }

            if (tag.Length > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-')
            {
                start = i;
                type = tag[2..];
            }
            else if (tag != Outside)
            {
                throw new FormatException($"IOB2 tag '{tag}' at token {i} is not O, B-TYPE or I-TYPE.");
            }
        }

        if (type != null)
        {
            spans.Add(new LabeledSpan(start, tags.Count, type));
        }

        return spans;
    }

    /// <summary>BILOU labels for <paramref name="tokenCount"/> tokens with the given non-overlapping spans.</summary>
    public static string[] Encode(int tokenCount, IEnumerable<LabeledSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var labels = new string[tokenCount];
        Array.Fill(labels, Outside);
        foreach (var span in spans)
        {
            if (span.Start < 0 || span.End <= span.Start || span.End > tokenCount)
            {
                throw new ArgumentException($"Span [{span.Start},{span.End}) is not inside the {tokenCount} tokens.", nameof(spans));
            }

            for (int i = span.Start; i < span.End; i++)
            {
                if (labels[i] != Outside)
                {
                    throw new ArgumentException($"Spans overlap at token {i}.", nameof(spans));
                }

                char prefix = span.End - span.Start == 1 ? 'U' : i == span.Start ? 'B' : i == span.End - 1 ? 'L' : 'I';
                labels[i] = $"{prefix}-{span.Type}";
            }
        }

        return labels;
    }

    /// <summary>Spans of a BILOU label sequence, repairing invalid transitions (see the type summary).</summary>
    public static IReadOnlyList<LabeledSpan> Decode(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var prefixes = new char[labels.Count];
        var types = new int[labels.Count];
        var names = new List<string>();
        for (int i = 0; i < labels.Count; i++)
        {
            string label = labels[i];
            if (label == Outside)
            {
                prefixes[i] = 'O';
                continue;
            }

            if (label.Length < 3 || label[1] != '-' || "BILU".IndexOf(label[0], StringComparison.Ordinal) < 0)
            {
                throw new FormatException($"BILOU label '{label}' at token {i} is not O, B-, I-, L- or U-TYPE.");
            }

            prefixes[i] = label[0];
            string type = label[2..];
            int index = names.IndexOf(type);
            if (index < 0)
            {
                index = names.Count;
                names.Add(type);
            }

            types[i] = index;
        }

        var found = new List<(int Start, int End, int Type)>();
        Decode(prefixes, types, found);
        return [.. found.Select(s => new LabeledSpan(s.Start, s.End, names[s.Type]))];
    }

    /// <summary>The repairing decoder over prefixes (<c>O B I L U</c>) and type ids; appends (start, end, type) to <paramref name="output"/>.</summary>
    internal static void Decode(ReadOnlySpan<char> prefixes, ReadOnlySpan<int> types, List<(int Start, int End, int Type)> output)
    {
        int start = -1, type = -1;
        for (int i = 0; i < prefixes.Length; i++)
        {
            char prefix = prefixes[i];
            bool continues = start >= 0 && (prefix == 'I' || prefix == 'L') && types[i] == type;
            if (!continues && start >= 0)
            {
                output.Add((start, i, type));
                start = -1;
            }

            switch (prefix)
            {
                case 'U':
                    output.Add((i, i + 1, types[i]));
                    break;
                case 'B' or 'I' when !continues:
                    start = i;
                    type = types[i];
                    break;
                case 'L' when continues:
                    output.Add((start, i + 1, type));
                    start = -1;
                    break;
                case 'L':
                    output.Add((i, i + 1, types[i]));
                    break;
                default:
                    break;
            }
        }

        if (start >= 0)
        {
            output.Add((start, prefixes.Length, type));
        }
    }
}
