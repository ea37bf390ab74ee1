namespace Storytelling.Nlp.Time;

/// <summary>What a time expression denotes (the TIMEX3 types).</summary>
public enum TimeExpressionType
{
    /// <summary>A calendar day or a coarser span: "5 March 2024", "last week", "in 2019", "the 1990s".</summary>
    Date,

    /// <summary>A time of day, alone or joined to a day: "14:30", "Tuesday at 3 p.m.", "this morning".</summary>
    Time,

    /// <summary>A length of time: "three hours", "two-day", "the past ten years".</summary>
    Duration,

    /// <summary>A recurrence: "every Tuesday", "daily", "twice a week".</summary>
    Set,
}
