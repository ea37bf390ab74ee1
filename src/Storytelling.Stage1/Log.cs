using Microsoft.Extensions.Logging;

namespace Storytelling.Stage1;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, EventName = "job_submitted", Level = LogLevel.Information,
        Message = "job_submitted job={JobId} batch={BatchId} input={InputName} work_items={WorkItems} rejected={Rejected} elapsed_ms={ElapsedMs}")]
    public static partial void JobSubmitted(ILogger logger, string jobId, string batchId, string inputName, long workItems, long rejected, long elapsedMs);

    [LoggerMessage(EventId = 2002, EventName = "job_submission_failed", Level = LogLevel.Error,
        Message = "job_submission_failed job={JobId} input={InputName}")]
    public static partial void JobSubmissionFailed(ILogger logger, Exception exception, string jobId, string inputName);

    [LoggerMessage(EventId = 2003, EventName = "job_completed", Level = LogLevel.Information,
        Message = "job_completed job={JobId} submitted={Submitted} cleaned={Cleaned} rejected={Rejected} duplicates={Duplicates} output={OutputFile}")]
    public static partial void JobCompleted(ILogger logger, string jobId, long submitted, long cleaned, long rejected, long duplicates, string outputFile);

    [LoggerMessage(EventId = 2004, EventName = "document_cleaning_crashed", Level = LogLevel.Warning,
        Message = "document_cleaning_crashed job={JobId} line={Line} document={DocumentId}: rejected as cleaning_error")]
    public static partial void CleaningCrashed(ILogger logger, Exception exception, string jobId, long line, string documentId);

    [LoggerMessage(EventId = 2005, EventName = "outcome_batch_written", Level = LogLevel.Debug,
        Message = "outcome_batch_written outcomes={Outcomes} inserted={Inserted} elapsed_ms={ElapsedMs}")]
    public static partial void OutcomeBatchWritten(ILogger logger, int outcomes, int inserted, double elapsedMs);

    [LoggerMessage(EventId = 2006, EventName = "document_storing_failed", Level = LogLevel.Error,
        Message = "document_storing_failed job={JobId} line={Line} document={DocumentId} attempt={Attempt}: stored as processing_failed")]
    public static partial void StoringFailed(ILogger logger, Exception exception, string jobId, long line, string documentId, long attempt);

    [LoggerMessage(EventId = 2007, EventName = "job_submission_retry", Level = LogLevel.Warning,
        Message = "job_submission_retry job={JobId} sending={Sending} records={Records} attempt={Attempt} retry_in_ms={RetryDelayMs} error={Error}")]
    public static partial void JobSubmissionRetry(ILogger logger, string jobId, string sending, int records, int attempt, long retryDelayMs, string error);
}
