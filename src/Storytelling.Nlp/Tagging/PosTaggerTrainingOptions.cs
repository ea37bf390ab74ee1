namespace Storytelling.Nlp.Tagging;

/// <summary>Tagger training settings; the defaults are the ones tuned on the EWT dev set.</summary>
public sealed record PosTaggerTrainingOptions
{
    public int Epochs { get; init; } = 10;

    public int Seed { get; init; } = 1;

    /// <summary>A word enters the tag dictionary when seen at least this often...</summary>
    public int TagDictionaryMinCount { get; init; } = 20;

    /// <summary>...and with one label at least this share of the time.</summary>
    public double TagDictionaryMinShare { get; init; } = 0.97;

    /// <summary>Averaged weights smaller than this are dropped.</summary>
    public float PruneBelow { get; init; } = 0.001f;

    /// <summary>Pattern lexicon file (word → PTB tag), or null for none.</summary>
    public string? LexiconPath { get; init; }
}
