namespace Storytelling.Stories;

/// <summary>
/// Why two event mentions were linked: identical trigger lemmas, related lemmas (a derivation or synonym from the
/// WordNet-derived table), the overlap of their participants in [0, 1], and whether their times and places are
/// compatible (null when one side does not say).
/// </summary>
public sealed record LinkEvidence(bool SameLemma, bool RelatedLemma, double ArgumentOverlap, bool? TimeCompatible, bool? PlaceCompatible);
