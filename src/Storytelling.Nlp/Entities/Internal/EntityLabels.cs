namespace Storytelling.Nlp.Entities.Internal;

/// <summary>
/// The BILOU classes of a set of entity types: class 0 is O, then B, I, L, U of each type in turn
/// (class 1 + 4·type + position). Knows the valid transitions: after B-X or I-X only I-X or L-X; elsewhere
/// O, B-any or U-any; a sentence's last token cannot be B or I.
/// </summary>
internal sealed class EntityLabels
{
    private const string Positions = "BILU";

    public EntityLabels(IReadOnlyList<string> types)
    {
        Types = [.. types];
        Names = new string[ClassCount];
        Names[0] = BilouCodec.Outside;
        for (int t = 0; t < Types.Length; t++)
        {
            for (int p = 0; p < 4; p++)
            {
                Names[1 + (4 * t) + p] = $"{Positions[p]}-{Types[t]}";
            }
        }
    }

    public string[] Types { get; }

    public string[] Names { get; }

    public int ClassCount => 1 + (4 * Types.Length);

    /// <summary>'O', 'B', 'I', 'L' or 'U'.</summary>
    public static char Prefix(int label) => label == 0 ? 'O' : Positions[(label - 1) & 3];

    /// <summary>Type index of a label, -1 for O.</summary>
    public static int TypeOf(int label) => label == 0 ? -1 : (label - 1) >> 2;

    public static int Label(int type, char prefix) => 1 + (4 * type) + Positions.IndexOf(prefix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="label"/> may follow <paramref name="previous"/> (-1 at the start of a sentence).</summary>
    public static bool IsValid(int previous, int label, bool last)
    {
        char p = previous < 0 ? 'O' : Prefix(previous);
        char c = Prefix(label);
        if (p is 'B' or 'I')
        {
            return TypeOf(label) == TypeOf(previous) && (c == 'L' || (c == 'I' && !last));
        }

        return c == 'O' || c == 'U' || (c == 'B' && !last);
    }

    /// <summary>The best-scoring valid label after <paramref name="previous"/>.</summary>
    public int BestValid(int previous, bool last, ReadOnlySpan<float> scores)
    {
        int best = -1;
        float bestScore = float.NegativeInfinity;
        for (int label = 0; label < ClassCount; label++)
        {
            if (scores[label] > bestScore && IsValid(previous, label, last))
            {
                best = label;
                bestScore = scores[label];
            }
        }

        return best;
    }

    /// <summary>
    /// Softmax probability, at <paramref name="temperature"/>, of <paramref name="chosen"/> among the labels valid
    /// after <paramref name="previous"/> (0 when <paramref name="chosen"/> is not valid there).
    /// </summary>
    public float Probability(int previous, bool last, int chosen, ReadOnlySpan<float> scores, float temperature)
    {
        if (!IsValid(previous, chosen, last))
        {
            return 0f;
        }

        float top = float.NegativeInfinity;
        for (int label = 0; label < ClassCount; label++)
        {
            if (IsValid(previous, label, last))
            {
                top = MathF.Max(top, scores[label]);
            }
        }

        double sum = 0;
        for (int label = 0; label < ClassCount; label++)
        {
            if (IsValid(previous, label, last))
            {
                sum += Math.Exp((scores[label] - top) / temperature);
            }
        }

        return (float)(Math.Exp((scores[chosen] - top) / temperature) / sum);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Types.Length);
        foreach (string type in Types)
        {
            writer.Write(type);
        }
    }

    public static EntityLabels Read(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count is < 1 or > 64)
        {
            throw new InvalidDataException($"entity type count {count} is out of range");
        }

        var types = new string[count];
        for (int t = 0; t < count; t++)
        {
            types[t] = string.Intern(reader.ReadString());
        }

        return new EntityLabels(types);
    }
}
