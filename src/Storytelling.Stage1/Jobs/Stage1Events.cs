using System.Globalization;
using Storytelling.CloudEvents;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage1.Jobs;

/// <summary>
/// The announcements of Stage 1 (docs/cloudevents.md). Ids are derived from the job and line, so the same outcome
/// announced again after a crash has the same <c>source</c> + <c>id</c> and is published once (ADR 7).
/// </summary>
public static class Stage1Events
{
    public const string Source = WorkItem.Source;

    public static CloudEvent DocumentCleaned(WorkItem item, WrittenOutcome written, StoredText text, TraceContext trace, TimeProvider time) =>
        (CloudEvent.Create(EventTypes.DocumentCleaned, Source, new
        {
            document_id = written.DocumentId,
            job_id = item.JobId,
            batch_id = item.BatchId,
            line = item.Line,
            title = text.Title,
            language = text.Language,
            content_hash = text.ContentHash,
            character_count = text.CharacterCount,
            duplicate_group = written.Duplicate?.GroupId,
            duplicate_kind = written.Duplicate?.Kind.ToString().ToLowerInvariant(),
            duplicate_of = written.Duplicate?.MatchedDocumentId,
            text_location = text.Location,
            jsonl_file = text.JsonlFile,
        }, timeProvider: time) with
        {
            Id = Id(item.JobId, item.Line, "cleaned"),
            Subject = written.DocumentId,
        }).WithTraceContext(trace);

    public static CloudEvent DocumentRejected(WorkItem item, OutcomeRejection rejection, TraceContext trace, TimeProvider time) =>
        Rejected(item.JobId, item.BatchId, item.Article.IdWasDerived ? null : item.Article.Id, rejection.Code, rejection.Reason,
            item.Article.Origin.File, item.Line, item.Article.Id, trace, time);

    /// <summary>An input record the reader rejected at submission (no work item was made for it).</summary>
    public static CloudEvent InputRejected(string jobId, string batchId, Articles.RejectedRecord rejected, TraceContext trace, TimeProvider time) =>
        Rejected(jobId, batchId, null, rejected.Code, rejected.Reason, rejected.File, rejected.Line, jobId, trace, time);

    public static CloudEvent JobCompleted(JobProgress progress, string batchId, string outputFile, TraceContext trace, TimeProvider time) =>
        (CloudEvent.Create(EventTypes.CleaningJobCompleted, Source, new
        {
            job_id = progress.JobId,
            batch_id = batchId,
            counts = new
            {
                total = progress.Submitted,
                cleaned = progress.Cleaned,
                rejected = progress.Rejected,
                duplicates = progress.Duplicates,
            },
            output_file = outputFile,
        }, timeProvider: time) with
        {
            Id = progress.JobId + ":completed",
            Subject = progress.JobId,
        }).WithTraceContext(trace);

    private static CloudEvent Rejected(
        string jobId, string batchId, string? documentId, string code, string message, string file, long line, string subject,
        TraceContext trace, TimeProvider time) =>
        (CloudEvent.Create(EventTypes.DocumentRejected, Source, new
        {
            job_id = jobId,
            batch_id = batchId,
            document_id = documentId,
            reason = code,
            message,
            input_location = new { file, line },
        }, timeProvider: time) with
        {
            Id = Id(jobId, line, "rejected"),
            Subject = subject,
        }).WithTraceContext(trace);

    private static string Id(string jobId, long line, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{jobId}:{line}:{what}");
}

/// <summary>
/// What a <c>document.cleaned</c> announcement says about the text and where to read it: <paramref name="Location"/>
/// is the PostgreSQL row, <paramref name="JsonlFile"/> the job's JSONL file (written when the job completes).
/// </summary>
public sealed record StoredText(string? Title, string Language, string ContentHash, int CharacterCount, string Location, string JsonlFile);
