namespace Storytelling.Nlp.Evaluation;

/// <summary>
/// Exact-span entity scores in percent: micro-averaged over the scored types, and per type (in the order PER, ORG,
/// LOC, then any other gold types). <see cref="TokensPerSecond"/> counts pipeline time on one thread (0 when two
/// files were compared); it is not part of <see cref="EntityEvaluator.ToJson"/>.
/// </summary>
public sealed record EntityEvaluationResult(
    double Precision,
    double Recall,
    double F1,
    IReadOnlyDictionary<string, EntityTypeScore> PerType,
    int Tokens,
    double TokensPerSecond);
