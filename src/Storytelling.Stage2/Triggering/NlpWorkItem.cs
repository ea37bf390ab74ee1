using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Storytelling.CloudEvents;

namespace Storytelling.Stage2.Triggering;

/// <summary>
/// One document of a Stage 1 job to analyse, on Stage 2's work stream (<see cref="Type"/>): the Stage 1 job, the
/// document's input line and id. Its CloudEvent id is <c>&lt;job id&gt;:&lt;line&gt;</c>, so a trigger repeated
/// after a crash, or a document announced both by <c>document.cleaned</c> and by <c>job.completed</c>, is enqueued once.
/// <paramref name="Offset"/> is where the document's line starts in Stage 1's job file when Stage 2 reads those
/// (<c>stage2.input_source: jsonl</c>), so a worker reads just that line.
/// </summary>
public sealed record NlpWorkItem(
    string JobId, long Line, string DocumentId, string? BatchId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Offset = null)
{
    public const string Type = "com.storytelling.nlp.document.submitted";
    public const string Source = "/storytelling/nlp";

    public CloudEvent ToEvent(TraceContext trace, TimeProvider time) =>
        (CloudEvent.Create(Type, Source, this, timeProvider: time) with
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{JobId}:{Line}"),
            Subject = DocumentId,
        }).WithTraceContext(trace);

    /// <summary>The work item carried by <paramref name="cloudEvent"/>; throws <see cref="InvalidDataException"/> naming the event if it holds none.</summary>
    public static NlpWorkItem FromEvent(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (cloudEvent.Type != Type || cloudEvent.Data is not { } data)
        {
            throw new InvalidDataException($"event {cloudEvent.Source} {cloudEvent.Id} ({cloudEvent.Type}) is not an NLP work item with data");
        }

        try
        {
            var item = data.Deserialize<NlpWorkItem>(CloudEvent.DataJsonOptions);
            return item is { JobId.Length: > 0, DocumentId.Length: > 0 }
                ? item
                : throw new InvalidDataException($"event {cloudEvent.Source} {cloudEvent.Id}: data lacks job_id or document_id");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"event {cloudEvent.Source} {cloudEvent.Id}: data is not an NLP work item: {e.Message}", e);
        }
    }
}
