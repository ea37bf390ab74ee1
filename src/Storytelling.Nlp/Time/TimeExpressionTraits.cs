namespace Storytelling.Nlp.Time;

/// <summary>
/// How a value was reached, where a reader should know: the <see cref="TimeExpression.Flags"/> of an expression
/// (written in snake case in outputs: <c>anchor_missing</c>, <c>past_relative</c>, ...).
/// </summary>
[Flags]
public enum TimeExpressionTraits
{
    None = 0,

    /// <summary>A relative expression without an anchor: the value keeps <c>X</c> placeholders (<c>XXXX-XX-XX</c>) and there is no interval.</summary>
    AnchorMissing = 1,

    /// <summary>Placed before the anchor, by its words ("yesterday", "ago", "last") or by the tense of its sentence.</summary>
    PastRelative = 2,

    /// <summary>Placed after the anchor, by its words ("tomorrow", "next", "later this year") or by the tense of its sentence.</summary>
    FutureRelative = 4,

    /// <summary>The direction (which Tuesday, which March) came from the tense of the sentence, not from the expression's own words.</summary>
    DirectionFromTense = 8,

    /// <summary>A day or month written without a year took its year from the anchor ("5 March", "in March").</summary>
    YearInferred = 16,

    /// <summary>A numeric date whose day and month could be swapped ("03/05/2024"); read month first.</summary>
    AmbiguousDayMonth = 32,

    /// <summary>
    /// The expression names part of a period or a rough amount ("early March", "the end of 2019", "about three hours"):
    /// the value is the whole period or the amount, the interval is the part.
    /// </summary>
    Approximate = 64,
}
