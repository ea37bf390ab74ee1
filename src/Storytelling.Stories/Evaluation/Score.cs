namespace Storytelling.Stories.Evaluation;

/// <summary>Precision, recall and their harmonic mean, as fractions in [0, 1] (F1 is 0 when both are 0).</summary>
public readonly record struct Score(double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static Score FromCounts(double correctForPrecision, double system, double correctForRecall, double gold) =>
        new(system == 0 ? 0 : correctForPrecision / system, gold == 0 ? 0 : correctForRecall / gold);
}
