using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Time.Internal;

namespace Storytelling.Nlp.Time;

/// <summary>
/// Finds time expressions in English text and normalizes them to ISO 8601 / TIMEX3 values: dates ("5 March 2024",
/// "Tuesday", "last week", "two days ago", "in March", "the 1990s"), times ("2:30 p.m.", "Tuesday at 3 p.m."),
/// durations ("three hours", "two-day") and sets ("every Monday", "daily"). Relative expressions are resolved against
/// the anchor (a document's publication date); without one they keep X placeholders and are flagged
/// <see cref="TimeExpressionTraits.AnchorMissing"/>. Rules in code, no model file: the regular expressions are compiled
/// at build time and nothing is shared but them, so any number of threads can call it at once. As a pipeline
/// component it reads <see cref="Document.Text"/> and <see cref="Document.PublishedAt"/> and needs no other layer.
/// The rules are described in docs/time-expressions.md.
/// </summary>
public sealed class TimeExpressionRecognizer : INlpComponent
{
    /// <summary>The name in <c>nlp.pipeline</c>.</summary>
    public const string ComponentName = "time_expressions";

    public string Name => ComponentName;

    public Annotations Requires => Annotations.None;

    public Annotations Produces => Annotations.TimeExpressions;

    /// <summary>
    /// The time expressions of <paramref name="text"/>, ordered by position and never overlapping, with relative ones
    /// resolved against <paramref name="anchor"/> (its calendar day and UTC offset).
    /// </summary>
    public static IReadOnlyList<TimeExpression> Find(string text, DateTimeOffset? anchor) => Find(text, anchor, CancellationToken.None);

    /// <inheritdoc cref="Find(string, DateTimeOffset?)"/>
    public static IReadOnlyList<TimeExpression> Find(string text, DateTimeOffset? anchor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var context = new ScanContext(text, anchor);
        DateRules.Scan(context);
        cancellationToken.ThrowIfCancellationRequested();
        RelativeRules.Scan(context);
        ClockRules.Scan(context);
        cancellationToken.ThrowIfCancellationRequested();
        DurationRules.Scan(context);
        SetRules.Scan(context);
        var selected = Selection.Resolve(context);
        var result = new TimeExpression[selected.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var c = selected[i];
            result[i] = new TimeExpression(c.Start, c.End, text[c.Start..c.End], c.Type, c.Value, c.Interval, c.Anchor, c.Flags, c.Confidence);
        }

        return result;
    }

    /// <summary>Sets the document's time expressions, anchored at its <see cref="Document.PublishedAt"/>.</summary>
    public void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.SetTimeExpressions(Find(document.Text, document.PublishedAt, cancellationToken));
    }
}
