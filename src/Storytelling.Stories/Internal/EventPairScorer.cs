using System.Collections.Frozen;

namespace Storytelling.Stories.Internal;

/// <summary>
/// The pairwise evidence that two event mentions name one event, and its score:
/// lemma (same 0.6, related 0.45, else no link) + 0.3 × participant overlap + time (+0.1 compatible, −0.5
/// incompatible when both times come from the text, −0.2 when one is a document date) + place (+0.1 / −0.2);
/// reporting verbs without shared participants lose 0.2 (every article "says" something), as does a negation
/// mismatch. Clamped to [0, 1].
/// </summary>
internal static class EventPairScorer
{
    public const double SameLemma = 0.6;
    public const double RelatedLemma = 0.45;

    private static readonly FrozenSet<string> Reporting = FrozenSet.ToFrozenSet(
        ["say", "tell", "report", "announce", "state", "add", "claim", "confirm", "comment", "note", "write", "speak", "statement"],
        StringComparer.Ordinal);

    public static (double Score, LinkEvidence Evidence) Score(EventRecord a, EventRecord b)
    {
        bool same = string.Equals(a.Lemma, b.Lemma, StringComparison.Ordinal);
        bool related = !same && RelatedLemmas.AreRelated(a.Lemma, b.Lemma);
        double overlap = Overlap(a.Participants, b.Participants);
        bool? time = TimeCompatible(a, b);
        bool? place = a.Places.Length == 0 || b.Places.Length == 0 ? null : Overlap(a.Places, b.Places) > 0;

        double score = same ? SameLemma : related ? RelatedLemma : 0;
        if (score > 0)
        {
            score += 0.3 * overlap;
            score += time switch
            {
                true => 0.1,
                false when a.HasExplicitTime && b.HasExplicitTime => -0.5,
                false => -0.2,
                null => 0,
            };
            score += place switch { true => 0.1, false => -0.2, null => 0 };
            if (overlap == 0 && Reporting.Contains(a.Lemma))
            {
                score -= 0.2;
            }

            if (a.IsNegated != b.IsNegated)
            {
                score -= 0.2;
            }
        }

        return (Math.Clamp(score, 0, 1), new LinkEvidence(same, related, overlap, time, place));
    }

    /// <summary>Shared words over the smaller set; 0 when either is empty.</summary>
    public static double Overlap(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        int shared = 0;
        foreach (var word in a)
        {
            if (Array.IndexOf(b, word) >= 0)
            {
                shared++;
            }
        }

        return (double)shared / Math.Min(a.Length, b.Length);
    }

    /// <summary>Within a day when both times come from the text, within a week otherwise; null when either is unknown.</summary>
    private static bool? TimeCompatible(EventRecord a, EventRecord b)
    {
        if (a.Time is not { } x || b.Time is not { } y)
        {
            return null;
        }

        double tolerance = a.HasExplicitTime && b.HasExplicitTime ? 1 : 7;
        double gap = x.End < y.Begin ? (y.Begin - x.End).TotalDays : y.End < x.Begin ? (x.Begin - y.End).TotalDays : 0;
        return gap <= tolerance;
    }
}
