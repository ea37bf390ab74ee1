using Storytelling.Nlp.Time;

namespace Storytelling.Nlp.Events;

/// <summary>
/// When an event happened: a time expression of the document (<paramref name="ExpressionIndex"/> into
/// <see cref="Document.TimeExpressions"/>, with its offsets and normalized value), or, when the text gives none, the
/// document's publication date with <paramref name="IsDocumentDateFallback"/> set (offsets -1, index -1). The value and
/// interval are null when neither is known.
/// </summary>
public sealed record EventTime(
    int Start, int End, string? Text, string? Value, TimeInterval? Interval, int ExpressionIndex, bool IsDocumentDateFallback, float Confidence);
