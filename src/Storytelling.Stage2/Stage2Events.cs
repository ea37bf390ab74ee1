using System.Globalization;
using Storytelling.CloudEvents;
using Storytelling.Nlp;
using Storytelling.Stage2.Triggering;

namespace Storytelling.Stage2;

/// <summary>
/// Stage 2's announcements on <c>stage2.event_stream</c> (docs/stage2.md). Ids derive from the job and line, so an
/// announcement repeated after a crash is published once; each carries the trace context that came from Stage 1.
/// </summary>
public static class Stage2Events
{
    public const string Source = NlpWorkItem.Source;

    /// <summary>A document whose analysis failed on every attempt (it is kept in <c>stage2.failures</c> with the error).</summary>
    public const string DocumentFailed = "com.storytelling.nlp.document.failed";

    public static CloudEvent DocumentProcessed(NlpWorkItem item, Document document, string location, TraceContext trace, TimeProvider time) =>
        (CloudEvent.Create(EventTypes.DocumentProcessed, Source, new
        {
            document_id = item.DocumentId,
            job_id = item.JobId,
            batch_id = item.BatchId,
            line = item.Line,
            tokens = document.TokenCount,
            sentences = document.Sentences.Length,
            entities = document.Entities.Count,
            events = document.Events.Count,
            time_expressions = document.TimeExpressions.Count,
            location,
        }, timeProvider: time) with
        {
            Id = Id(item, "processed"),
            Subject = item.DocumentId,
        }).WithTraceContext(trace);

    public static CloudEvent Failed(NlpWorkItem item, string error, long attempts, TraceContext trace, TimeProvider time) =>
        (CloudEvent.Create(DocumentFailed, Source, new
        {
            document_id = item.DocumentId,
            job_id = item.JobId,
            batch_id = item.BatchId,
            line = item.Line,
            error,
            attempts,
        }, timeProvider: time) with
        {
            Id = Id(item, "failed"),
            Subject = item.DocumentId,
        }).WithTraceContext(trace);

    /// <param name="outputFiles">What the storage backends wrote for the job, name → path (the JSONL backend: <c>documents</c>, <c>events</c>).</param>
    public static CloudEvent JobCompleted(
        string jobId, string? batchId, Storage.Stage2JobCounts counts, IReadOnlyDictionary<string, string> outputFiles, TraceContext trace, TimeProvider time) =>
        (CloudEvent.Create(EventTypes.NlpJobCompleted, Source, new
        {
            job_id = jobId,
            batch_id = batchId,
            counts = new { total = counts.Total, processed = counts.Processed, failed = counts.Failed, events = counts.Events, tokens = counts.Tokens },
            output_files = outputFiles,
        }, timeProvider: time) with
        {
            Id = jobId + ":nlp-completed",
            Subject = jobId,
        }).WithTraceContext(trace);

    private static string Id(NlpWorkItem item, string what) => string.Create(CultureInfo.InvariantCulture, $"{item.JobId}:{item.Line}:{what}");
}
