using Microsoft.Extensions.Logging;

namespace Storytelling.Stage2;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, EventName = "nlp_batch_processing_triggered", Level = LogLevel.Information,
        Message = "nlp_batch_processing_triggered job={JobId} batch={BatchId} documents={Documents}")]
    public static partial void BatchTriggered(ILogger logger, string jobId, string? batchId, long documents);

    [LoggerMessage(EventId = 3002, EventName = "nlp_document_processing_triggered", Level = LogLevel.Debug,
        Message = "nlp_document_processing_triggered job={JobId} line={Line} document={DocumentId}")]
    public static partial void DocumentTriggered(ILogger logger, string jobId, long line, string documentId);

    [LoggerMessage(EventId = 3003, EventName = "event_ignored", Level = LogLevel.Debug,
        Message = "event_ignored type={Type} id={Id}: {Reason}")]
    public static partial void Ignored(ILogger logger, string type, string id, string reason);

    [LoggerMessage(EventId = 3004, EventName = "nlp_job_completed", Level = LogLevel.Information,
        Message = "nlp_job_completed job={JobId} total={Total} processed={Processed} failed={Failed} events={Events}")]
    public static partial void JobCompleted(ILogger logger, string jobId, long total, long processed, long failed, long events);

    [LoggerMessage(EventId = 3009, EventName = "nlp_job_outputs_rewritten", Level = LogLevel.Information,
        Message = "nlp_job_outputs_rewritten job={JobId} document={DocumentId}: a document of the completed job was processed again; the job's outputs were written again from PostgreSQL")]
    public static partial void JobOutputsRewritten(ILogger logger, string jobId, string? documentId);

    [LoggerMessage(EventId = 3005, EventName = "nlp_document_failed", Level = LogLevel.Warning,
        Message = "nlp_document_failed job={JobId} line={Line} document={DocumentId} attempt={Attempt}: kept in stage2.failures with the error")]
    public static partial void DocumentFailed(ILogger logger, Exception exception, string jobId, long line, string documentId, long attempt);

    [LoggerMessage(EventId = 3006, EventName = "storylines_rebuilt", Level = LogLevel.Information,
        Message = "storylines_rebuilt documents={Documents} storylines={Storylines}")]
    public static partial void StorylinesRebuilt(ILogger logger, int documents, int storylines);

    [LoggerMessage(EventId = 3007, EventName = "backend_write_failed", Level = LogLevel.Warning,
        Message = "backend_write_failed backend={Backend} job={JobId} line={Line} document={DocumentId}: {Reason}; the document is stored in PostgreSQL and this write is kept in stage2.backend_failures")]
    public static partial void BackendWriteFailed(ILogger logger, Exception exception, string backend, string jobId, long line, string documentId, string reason);

    [LoggerMessage(EventId = 3008, EventName = "backend_job_output_failed", Level = LogLevel.Warning,
        Message = "backend_job_output_failed backend={Backend} job={JobId}: {Reason}; the job completes without this output, kept in stage2.backend_failures")]
    public static partial void BackendJobOutputFailed(ILogger logger, Exception exception, string backend, string jobId, string reason);
}
