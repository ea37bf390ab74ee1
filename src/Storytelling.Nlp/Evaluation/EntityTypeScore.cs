namespace Storytelling.Nlp.Evaluation;

/// <summary>Exact-span scores of one entity type, in percent, with the counts they come from.</summary>
public sealed record EntityTypeScore(double Precision, double Recall, double F1, int Gold, int System, int Correct);
