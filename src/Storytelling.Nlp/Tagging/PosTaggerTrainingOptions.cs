namespace Storytelling.Nlp.Tagging;

/// <summary>Tagger training settings; the defaults are the ones tuned on the EWT dev set.</summary>
public sealed record PosTaggerTrainingOptions
{
    public int Epochs { get; init; } = 15;

    public int Seed { get; init; } = 1;

    /// <summary>A word enters the tag dictionary when seen at least this often...</summary>
    public int TagDictionaryMinCount { get; init; } = 20;

    /// <summary>...and with one label at least this share of the time.</summary>
    public double TagDictionaryMinShare { get; init; } = 0.97;

    /// <summary>Words seen at least this often (and not in the tag dictionary) get their word-only feature scores precomputed (speed only).</summary>
    public int CachedWordMinCount { get; init; } = 2;

    /// <summary>At most this many words get precomputed scores (the most frequent first).</summary>
    public int CachedWordLimit { get; init; } = 20_000;

    /// <summary>Averaged weights smaller than this are dropped.</summary>
    public float PruneBelow { get; init; } = 0.001f;

    /// <summary>Pattern lexicon file (word → PTB tag), or null for none.</summary>
    public string? LexiconPath { get; init; }

    /// <summary>
    /// WordNet 3.0 directory (index.* and *.exc files) for the word-class features. When null, the <c>wordnet-3.0</c>
    /// folder beside the Pattern lexicon's folder (<c>lexicons/pattern_en/..</c>) is used if it exists.
    /// </summary>
    public string? WordNetDirectory { get; init; }

    internal string? ResolvedWordNetDirectory()
    {
        if (WordNetDirectory is not null || LexiconPath is null)
        {
            return WordNetDirectory;
        }

        string? lexicons = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(LexiconPath)));
        string? candidate = lexicons is null ? null : Path.Combine(lexicons, "wordnet-3.0");
        return candidate is not null && File.Exists(Path.Combine(candidate, "index.noun")) ? candidate : null;
    }
}
