using System.Collections;
using Storytelling.CloudEvents;

namespace Storytelling.Messaging.Internal;

/// <summary>
/// The log scope of one handled event: every log line written while its handler runs (by the engine or by the stage's
/// own components) carries the event, its stream entry and the W3C trace id from its <c>traceparent</c>, so a JSON
/// log with scopes on can be followed by <c>trace_id</c> from Stage 1 through Stage 2 (docs/operations.md).
/// </summary>
internal sealed class EventLogScope(CloudEvent cloudEvent, string stream, string entryId, long attempt) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _fields =
    [
        new("trace_id", TraceContext.TryParse(cloudEvent.TraceParent, out var trace) ? trace.TraceId : null),
        new("event_type", cloudEvent.Type),
        new("event_id", cloudEvent.Id),
        new("event_source", cloudEvent.Source),
        new("event_subject", cloudEvent.Subject),
        new("stream", stream),
        new("entry_id", entryId),
        new("attempt", attempt),
    ];

    public int Count => _fields.Length;

    public KeyValuePair<string, object?> this[int index] => _fields[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{cloudEvent.Type} {cloudEvent.Id} entry {entryId} trace {_fields[0].Value}";
}
