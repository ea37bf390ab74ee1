namespace Storytelling.Stories;

/// <summary>
/// Two event mentions judged to be the same real-world event: <paramref name="EventA"/> (the new one) and
/// <paramref name="EventB"/> (an earlier one), the pair score in [0, 1] and the evidence behind it.
/// </summary>
public sealed record EventLinkage(string EventA, string EventB, double Score, LinkEvidence Evidence);
