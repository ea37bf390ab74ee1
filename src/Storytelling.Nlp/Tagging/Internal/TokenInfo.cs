namespace Storytelling.Nlp.Tagging.Internal;

/// <summary>Per-token values computed once per sentence and shared by the features of neighbouring tokens.</summary>
internal struct TokenInfo
{
    public ulong Lower;
    public ulong Shape;
    public ulong Suffix3;
    public int Lexicon;
}
