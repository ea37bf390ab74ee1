using System.Text.Json;
using Microsoft.Extensions.Logging;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Metadata;
using Storytelling.Stage2.Input;
using Storytelling.Stage2.Storage;
using Storytelling.Stage2.Workers;

namespace Storytelling.Stage2.Triggering;

/// <summary>
/// The event consumer's handler of Stage 1's announcements (the seed's <c>trigger_nlp_batch_processing</c>): in batch
/// mode a <c>cleaning.job.completed</c> puts one NLP work item per document of the job (read from Stage 1's database or
/// its job file, <c>stage2.input_source</c>) on the work stream and
/// <c>document.cleaned</c> is skipped; otherwise each <c>document.cleaned</c> enqueues its document at once and
/// <c>job.completed</c> only tells Stage 2 how many documents the job has. Work items are published once per job and
/// line, so a repeated trigger, or both announcements of one document, never enqueue it twice.
/// </summary>
public sealed class NlpTrigger(
    IStage1Documents stage1,
    Stage2Store store,
    IEventPublisher workQueue,
    Stage2Completion completion,
    Stage2Options options,
    bool batchMode,
    ILogger<NlpTrigger> logger,
    TimeProvider time,
    IMetadataRecorder? metadata = null) : IEventProcessor
{
    private const int Chunk = 500;

    public async Task HandleAsync(EventContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cloudEvent = context.Event;
        var cancellationToken = context.CancellationToken;
        var trace = TraceContext.TryParse(cloudEvent.TraceParent, out var parent) ? parent : TraceContext.CreateNew();
        switch (cloudEvent.Type)
        {
            case EventTypes.DocumentCleaned when batchMode:
                Log.Ignored(logger, cloudEvent.Type, cloudEvent.Id, "batch_mode: the job's job.completed triggers its documents");
                break;
            case EventTypes.DocumentCleaned:
                await TriggerDocumentAsync(cloudEvent, trace, cancellationToken);
                break;
            case EventTypes.CleaningJobCompleted:
                await TriggerJobAsync(cloudEvent, trace, cancellationToken);
                break;
            default:
                Log.Ignored(logger, cloudEvent.Type, cloudEvent.Id, "not an event Stage 2 processes");
                break;
        }
    }

    private async Task TriggerDocumentAsync(CloudEvent cloudEvent, TraceContext trace, CancellationToken cancellationToken)
    {
        var data = Data(cloudEvent);
        var item = new NlpWorkItem(Required(cloudEvent, data, "job_id"), Line(cloudEvent, data), Required(cloudEvent, data, "document_id"), Optional(data, "batch_id"));
        await store.EnsureJobAsync(item.JobId, item.BatchId, batchMode: false, total: null, time.GetUtcNow(), cancellationToken);
        await workQueue.PublishOnceAsync(options.WorkStream, [item.ToEvent(trace.CreateChild(), time)], options.PublishMemory, cancellationToken);
        Log.DocumentTriggered(logger, item.JobId, item.Line, item.DocumentId);
    }

    private async Task TriggerJobAsync(CloudEvent cloudEvent, TraceContext trace, CancellationToken cancellationToken)
    {
        var data = Data(cloudEvent);
        var jobId = Required(cloudEvent, data, "job_id");
        var batchId = Optional(data, "batch_id");
        if (!batchMode)
        {
            var cleaned = data.TryGetProperty("counts", out var counts) && counts.TryGetProperty("cleaned", out var value) && value.TryGetInt64(out var n)
                ? n
                : throw new InvalidDataException($"event {cloudEvent.Source} {cloudEvent.Id} ({cloudEvent.Type}): data.counts.cleaned is missing or not a number");
            await store.EnsureJobAsync(jobId, batchId, batchMode: false, cleaned, time.GetUtcNow(), cancellationToken);
            await (metadata?.JobStartedAsync(jobId, batchId, cleaned, cancellationToken) ?? Task.CompletedTask);
            await completion.CompleteIfAnnouncedAsync(jobId, trace, cancellationToken);
            return;
        }

        // A job Stage 1 does not hold (a stray or misrouted announcement, or Stage 1's database or files not yet visible
        // here) fails, so the engine retries it and then keeps it in the dead-letter stream instead of "completing" nothing.
        if (!await stage1.HasJobAsync(jobId, cancellationToken))
        {
            throw new InvalidDataException($"event {cloudEvent.Source} {cloudEvent.Id} ({cloudEvent.Type}): {stage1.Description} holds no job {jobId}");
        }

        var items = new List<NlpWorkItem>();
        await foreach (var document in stage1.ReadJobAsync(jobId, cancellationToken))
        {
            items.Add(new NlpWorkItem(jobId, document.Line, document.Id, batchId ?? document.BatchId, document.Offset));
        }

        await store.EnsureJobAsync(jobId, batchId, batchMode: true, items.Count, time.GetUtcNow(), cancellationToken);
        await (metadata?.JobStartedAsync(jobId, batchId, items.Count, cancellationToken) ?? Task.CompletedTask);
        foreach (var chunk in items.Chunk(Chunk))
        {
            await workQueue.PublishOnceAsync(options.WorkStream, [.. chunk.Select(i => i.ToEvent(trace.CreateChild(), time))], options.PublishMemory, cancellationToken);
        }

        Log.BatchTriggered(logger, jobId, batchId, items.Count);
        await completion.CompleteIfAnnouncedAsync(jobId, trace, cancellationToken);
    }

    private static JsonElement Data(CloudEvent cloudEvent) =>
        cloudEvent.Data is { ValueKind: JsonValueKind.Object } data
            ? data
            : throw new InvalidDataException($"event {cloudEvent.Source} {cloudEvent.Id} ({cloudEvent.Type}) has no JSON object data");

    private static string Required(CloudEvent cloudEvent, JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"event {cloudEvent.Source} {cloudEvent.Id} ({cloudEvent.Type}): data.{name} is missing or empty");

    private static long Line(CloudEvent cloudEvent, JsonElement data) =>
        data.TryGetProperty("line", out var value) && value.TryGetInt64(out var line)
            ? line
            : throw new InvalidDataException($"event {cloudEvent.Source} {cloudEvent.Id} ({cloudEvent.Type}): data.line is missing or not a number");

    private static string? Optional(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
