namespace Storytelling.Nlp.Entities;

/// <summary>
/// An entity mention: tokens [<paramref name="StartToken"/>, <paramref name="EndToken"/>) of its document, its type
/// (PER, ORG, LOC learned; DATE, TIME, MONEY, PERCENT, CARDINAL, ORDINAL, QUANTITY by rules), its character offsets
/// [<paramref name="Start"/>, <paramref name="End"/>) into <see cref="Document.Text"/>, and a confidence in [0, 1]
/// (the mean probability of the chosen labels for learned spans; 1 for rule spans).
/// </summary>
public readonly record struct EntitySpan(int StartToken, int EndToken, string Type, int Start, int End, float Confidence)
{
    public int TokenCount => EndToken - StartToken;

    /// <summary>A span over tokens [<paramref name="startToken"/>, <paramref name="endToken"/>) with the character offsets taken from the document.</summary>
    public static EntitySpan Create(Document document, int startToken, int endToken, string type, float confidence = 1f)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(type);
        if (startToken < 0 || endToken <= startToken || endToken > document.TokenCount)
        {
            throw new ArgumentOutOfRangeException(nameof(endToken), $"Entity tokens [{startToken},{endToken}) are not a non-empty range of the {document.TokenCount} tokens of document '{document.Id}'.");
        }

        var tokens = document.Tokens;
        return new EntitySpan(startToken, endToken, type, tokens[startToken].Start, tokens[endToken - 1].End, confidence);
    }
}
