namespace Storytelling.Nlp.Time;

/// <summary>A span of calendar time [<paramref name="Begin"/>, <paramref name="End"/>): the end is exclusive.</summary>
public readonly record struct TimeInterval(DateTimeOffset Begin, DateTimeOffset End)
{
    public TimeSpan Length => End - Begin;

    public bool Contains(DateTimeOffset instant) => instant >= Begin && instant < End;
}
