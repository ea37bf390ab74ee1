namespace Storytelling.Nlp;

/// <summary>A token as character offsets into <see cref="Document.Text"/>: [Start, End).</summary>
public readonly record struct Token(int Start, int End)
{
    public int Length => End - Start;
}
