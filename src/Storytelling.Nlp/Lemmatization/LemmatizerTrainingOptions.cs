namespace Storytelling.Nlp.Lemmatization;

/// <summary>Lemmatizer training settings; the defaults are the ones tuned on the EWT dev set.</summary>
public sealed record LemmatizerTrainingOptions
{
    public int Epochs { get; init; } = 5;

    public int Seed { get; init; } = 1;

    public float PruneBelow { get; init; } = 0.001f;

    /// <summary>Directory with WordNet's noun.exc, verb.exc, adj.exc and adv.exc, or null for none.</summary>
    public string? WordNetDirectory { get; init; }
}
