namespace Storytelling.Nlp;

/// <summary>A sentence as a range of token indexes into <see cref="Document.Tokens"/>: [Start, End).</summary>
public readonly record struct SentenceRange(int Start, int End)
{
    public int Count => End - Start;
}
