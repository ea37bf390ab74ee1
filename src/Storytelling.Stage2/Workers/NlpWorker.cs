using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Storytelling.CloudEvents;
using Storytelling.Hosting;
using Storytelling.Messaging;
using Storytelling.Metadata;
using Storytelling.Nlp;
using Storytelling.Nlp.Output;
using Storytelling.Nlp.Pipeline;
using Storytelling.Stage2.Backends;
using Storytelling.Stage2.Input;
using Storytelling.Stage2.Storage;
using Storytelling.Stage2.Triggering;
using Storytelling.Stories;

namespace Storytelling.Stage2.Workers;

/// <summary>
/// The NLP worker's handler of work items (the seed's Celery NLP task, done natively): reads the document from
/// Stage 1 (its database or its job file, <c>stage2.input_source</c>), runs the NLP pipeline (at most
/// <see cref="Stage2Options.WorkerConcurrency"/> documents at once in this process), writes the document, its
/// annotations and its events to the storage backends (PostgreSQL, replacing an earlier attempt's rows, then the
/// optional ones) and announces <c>nlp.document.processed</c>; the last document of a job also announces
/// <c>nlp.job.completed</c>. A document whose analysis still fails on its last attempt is kept in
/// <c>stage2.failures</c> with the error and announced as <c>nlp.document.failed</c>, so its job still completes.
/// </summary>
public sealed class NlpWorker(
    IStage1Documents stage1,
    Stage2Store store,
    MultiBackendWriter backends,
    NlpPipeline pipeline,
    Stage2Completion completion,
    Stage2Options options,
    int maxAttempts,
    ILogger<NlpWorker> logger,
    TimeProvider time,
    IMetadataRecorder? metadata = null) : IEventProcessor, IDisposable
{
    private readonly SemaphoreSlim _cpu = new(options.WorkerConcurrency);

    public async Task HandleAsync(EventContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        var item = NlpWorkItem.FromEvent(context.Event);
        var trace = TraceContext.TryParse(context.Event.TraceParent, out var parent) ? parent.CreateChild() : TraceContext.CreateNew();
        var stored = await stage1.ReadAsync(item, cancellationToken);
        var document = new Document(stored.Text, stored.Id) { PublishedAt = stored.PublishedAt };
        try
        {
            await AnalyseAsync(document, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && context.Attempt >= maxAttempts)
        {
            PipelineMetrics.Document(PipelineMetrics.Nlp, "failed", TimeSpan.Zero);
            Log.DocumentFailed(logger, e, item.JobId, item.Line, item.DocumentId, context.Attempt);
            var error = $"{e.GetType().Name}: {e.Message}";
            await store.SaveFailureAsync(item, error, context.Attempt, time.GetUtcNow(), cancellationToken);
            await completion.AnnounceAsync(item.JobId, Stage2Events.Failed(item, error, context.Attempt, trace, time), trace, cancellationToken);
            return;
        }

        var events = document.Events.Select(mention =>
        {
            var id = StoryEvent.IdFor(document.Id, mention);
            return new AnalysedEvent(id, EventLine(id, item, mention));
        }).ToList();
        await backends.WriteAsync(new AnalysedDocument(item, stored, document, AnnotationWriter.ToJson(document), events, time.GetUtcNow()), cancellationToken);
        if (metadata is not null)
        {
            await RegistryRecords.RecordAsync(metadata, item.JobId, stored, document, cancellationToken);
        }

        var location = string.Create(CultureInfo.InvariantCulture, $"postgresql://{options.PostgresDatabase}/{Stage2Store.Schema}.documents?job_id={item.JobId}&line={item.Line}");
        await completion.AnnounceAsync(item.JobId, Stage2Events.DocumentProcessed(item, document, location, trace, time), trace, cancellationToken);
    }

    public void Dispose() => _cpu.Dispose();

    private async Task AnalyseAsync(Document document, CancellationToken cancellationToken)
    {
        await _cpu.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            pipeline.Process(document, cancellationToken);
            PipelineMetrics.Document(PipelineMetrics.Nlp, "analysed", Stopwatch.GetElapsedTime(started));
            PipelineMetrics.Events(document.Events.Count);
        }
        finally
        {
            _cpu.Release();
        }
    }

    /// <summary>An event as stored and served: id, document, job and line, then the <c>events.jsonl</c> fields.</summary>
    private static string EventLine(string id, NlpWorkItem item, Nlp.Events.EventMention mention)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonLines.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("document_id", item.DocumentId);
            writer.WriteString("job_id", item.JobId);
            writer.WriteNumber("line", item.Line);
            EventJson.WriteFields(writer, mention);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
