namespace Storytelling.Nlp.Events;

/// <summary>
/// The news event taxonomy (docs/events.md). Written in JSON as <see cref="EventTypes.Name"/>: <c>conflict.attack</c>,
/// <c>disaster</c>, <c>death.injury</c>, <c>arrest.justice</c>, <c>movement.transport</c>, <c>transaction</c>,
/// <c>personnel.change</c>, <c>meeting.contact</c>, <c>statement</c>, <c>other</c>.
/// </summary>
public enum EventType
{
    Other = 0,
    ConflictAttack,
    Disaster,
    DeathInjury,
    ArrestJustice,
    MovementTransport,
    Transaction,
    PersonnelChange,
    MeetingContact,
    Statement,
}

/// <summary>The JSON names of <see cref="EventType"/>.</summary>
public static class EventTypes
{
    private static readonly string[] Names =
    [
        "other", "conflict.attack", "disaster", "death.injury", "arrest.justice", "movement.transport", "transaction",
        "personnel.change", "meeting.contact", "statement",
    ];

    public static IReadOnlyList<string> All => Names;

    public static string Name(this EventType type) => Names[(int)type];

    public static bool TryParse(string? name, out EventType type)
    {
        var index = Array.IndexOf(Names, name);
        type = index < 0 ? EventType.Other : (EventType)index;
        return index >= 0;
    }
}
