using System.Globalization;
using System.Text.Json;
using Storytelling.Articles;
using Storytelling.CloudEvents;

namespace Storytelling.Stage1.Jobs;

/// <summary>
/// One article of a job on the work stream (<see cref="EventTypes.DocumentSubmitted"/>): the job, the input line and
/// the article as read. Its CloudEvent id is <c>&lt;job id&gt;:&lt;line&gt;</c>, so submitting again after a crash
/// puts no second copy on the stream.
/// </summary>
public sealed record WorkItem(string JobId, string BatchId, int Concurrency, Article Article)
{
    public const string Source = "/storytelling/cleaning";

    public long Line => Article.Origin.Line;

    public CloudEvent ToEvent(TraceContext trace, TimeProvider time) =>
        (CloudEvent.Create(EventTypes.DocumentSubmitted, Source, this, timeProvider: time) with
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{JobId}:{Line}"),
            Subject = Article.Id,
        }).WithTraceContext(trace);

    /// <summary>The work item carried by <paramref name="cloudEvent"/>; throws <see cref="InvalidDataException"/> naming the event if it holds none.</summary>
    public static WorkItem FromEvent(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (cloudEvent.Type != EventTypes.DocumentSubmitted || cloudEvent.Data is not { } data)
        {
            throw new InvalidDataException($"event {cloudEvent.Source} {cloudEvent.Id} ({cloudEvent.Type}) is not a work item with data");
        }

        try
        {
            return data.Deserialize<WorkItem>(CloudEvent.DataJsonOptions)
                ?? throw new InvalidDataException($"event {cloudEvent.Source} {cloudEvent.Id}: data is null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"event {cloudEvent.Source} {cloudEvent.Id}: data is not a work item: {e.Message}", e);
        }
    }
}
