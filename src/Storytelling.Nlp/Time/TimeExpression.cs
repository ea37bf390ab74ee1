namespace Storytelling.Nlp.Time;

/// <summary>
/// A time expression in a text: characters [<paramref name="Start"/>, <paramref name="End"/>) of the text it was found
/// in, its <paramref name="Text"/>, its <paramref name="Type"/>, its normalized <paramref name="Value"/> (ISO 8601 and
/// TIMEX3 shapes: <c>2024-03-05</c>, <c>2024-W10</c>, <c>2024-03-05T14:30</c>, <c>P2D</c>, <c>XXXX-WXX-2</c>), the span of
/// calendar time it denotes when it denotes one (<paramref name="Interval"/>, in the anchor's UTC offset or UTC), what
/// the value was resolved against, how (<paramref name="Flags"/>), and a confidence in [0, 1].
/// </summary>
public sealed record TimeExpression(
    int Start,
    int End,
    string Text,
    TimeExpressionType Type,
    string Value,
    TimeInterval? Interval,
    TimeAnchor Anchor,
    TimeExpressionTraits Flags,
    float Confidence)
{
    public int Length => End - Start;
}
