namespace Storytelling.Nlp.Tagging.Internal;

/// <summary>Per-token values computed once per sentence and shared by the features of neighbouring tokens.</summary>
internal struct TokenInfo
{
    public ulong Lower;
    public ulong Shape;
    public ulong Suffix3;
    public int Lexicon;

    /// <summary><see cref="WordClasses"/> bits of the word.</summary>
    public int WordNet;

    /// <summary>The tag-dictionary class of the word, or <see cref="TaggerFeatures.NotInDictionary"/>.</summary>
    public int Dictionary;

    /// <summary>Row of the word's precomputed word-only scores in the tagger, or -1.</summary>
    public int CachedRow;
}
