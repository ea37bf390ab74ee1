namespace Storytelling.Nlp.Events;

/// <summary>Facts about how an event is asserted.</summary>
[Flags]
public enum EventModality
{
    /// <summary>Asserted as having happened or happening.</summary>
    Asserted = 0,

    /// <summary>Said not to have happened ("did not attack", "no arrests").</summary>
    Negated = 1,

    /// <summary>Possible, conditional, planned, wanted or future ("could attack", "if ... resigns", "plans to visit", "will meet").</summary>
    Hypothetical = 2,

    /// <summary>A reported claim (the trigger is the complement of a reporting verb: "police said he fled").</summary>
    Reported = 4,
}

/// <summary>
/// One event mention found in a document: the trigger (characters [<paramref name="TriggerStart"/>,
/// <paramref name="TriggerEnd"/>) of <see cref="Document.Text"/>, token <paramref name="TriggerToken"/>, its lemma,
/// verbal or nominal), the sentence it is in, its type, who did it to whom or what, where and when, how it is asserted,
/// and a confidence in [0, 1]. Arguments are null (or empty) when the text does not say.
/// </summary>
public sealed record EventMention(
    int Sentence,
    int TriggerToken,
    int TriggerStart,
    int TriggerEnd,
    string Trigger,
    string Lemma,
    bool IsNominal,
    EventType Type,
    EventModality Modality,
    float Confidence)
{
    /// <summary>Who did it (the agent: subject of an active verb, "by"-phrase of a passive, possessor of a nominal).</summary>
    public EventArgument? Agent { get; init; }

    /// <summary>Whom it was done to (an animate or organisation patient: object of the verb, subject of a passive).</summary>
    public EventArgument? Patient { get; init; }

    /// <summary>What it was about or done to when that is not a person or organisation (the theme).</summary>
    public EventArgument? Theme { get; init; }

    /// <summary>Where: place entities and locative phrases attached to the trigger, or the sentence's place when it has one.</summary>
    public IReadOnlyList<EventArgument> Places { get; init; } = [];

    /// <summary>When: an attached time expression, or the document date flagged as a fallback.</summary>
    public EventTime? When { get; init; }

    public bool IsNegated => (Modality & EventModality.Negated) != 0;

    public bool IsHypothetical => (Modality & EventModality.Hypothetical) != 0;
}
