namespace Storytelling.Stories.Internal;

/// <summary>
/// An <see cref="EventLinkage"/> as the engine keeps it for its whole lifetime: the two event ids (shared strings), the
/// score and the evidence packed into flags, a third of the size of the linkage and evidence objects.
/// </summary>
internal readonly struct LinkRecord
{
    private const byte Same = 1, Related = 2, TimeKnown = 4, TimeOk = 8, PlaceKnown = 16, PlaceOk = 32;

    private readonly string eventA;
    private readonly string eventB;
    private readonly double score;
    private readonly double overlap;
    private readonly byte flags;

    public LinkRecord(EventLinkage link)
    {
        eventA = link.EventA;
        eventB = link.EventB;
        score = link.Score;
        var evidence = link.Evidence;
        overlap = evidence.ArgumentOverlap;
        flags = (byte)((evidence.SameLemma ? Same : 0)
            | (evidence.RelatedLemma ? Related : 0)
            | (evidence.TimeCompatible is { } time ? TimeKnown | (time ? TimeOk : 0) : 0)
            | (evidence.PlaceCompatible is { } place ? PlaceKnown | (place ? PlaceOk : 0) : 0));
    }

    public EventLinkage ToLinkage() => new(
        eventA,
        eventB,
        score,
        new LinkEvidence(
            (flags & Same) != 0,
            (flags & Related) != 0,
            overlap,
            (flags & TimeKnown) != 0 ? (flags & TimeOk) != 0 : null,
            (flags & PlaceKnown) != 0 ? (flags & PlaceOk) != 0 : null));
}
