using Microsoft.Extensions.Logging;
using Storytelling.Redis;

namespace Storytelling.Messaging;

/// <summary>The messaging engine's log events; names are the seed's where it has them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, EventName = "event_consumer_initialized", Level = LogLevel.Information,
        Message = "event_consumer_initialized stream={Stream} group={Group} consumer={Consumer} start_id={StartId} auto_process={AutoProcess}")]
    public static partial void Initialized(ILogger logger, string stream, string group, string consumer, string startId, bool autoProcess);

    [LoggerMessage(EventId = 3002, EventName = "event_consumer_service_running", Level = LogLevel.Information,
        Message = "event_consumer_service_running stream={Stream} group={Group} consumer={Consumer}")]
    public static partial void Running(ILogger logger, string stream, string group, string consumer);

    [LoggerMessage(EventId = 3003, EventName = "event_consumed", Level = LogLevel.Debug,
        Message = "event_consumed type={EventType} id={EventId} source={EventSource} entry={EntryId}")]
    public static partial void Consumed(ILogger logger, string eventType, string eventId, string eventSource, StreamId entryId);

    [LoggerMessage(EventId = 3004, EventName = "event_consumed_not_processed", Level = LogLevel.Information,
        Message = "event_consumed_not_processed (auto_process is off) type={EventType} id={EventId} entry={EntryId}")]
    public static partial void ConsumedNotProcessed(ILogger logger, string eventType, string eventId, StreamId entryId);

    [LoggerMessage(EventId = 3005, EventName = "event_filtered", Level = LogLevel.Debug,
        Message = "event_filtered type={EventType} id={EventId} entry={EntryId}")]
    public static partial void Filtered(ILogger logger, string eventType, string eventId, StreamId entryId);

    [LoggerMessage(EventId = 3006, EventName = "event_duplicate_skipped", Level = LogLevel.Information,
        Message = "event_duplicate_skipped type={EventType} id={EventId} source={EventSource} entry={EntryId}")]
    public static partial void DuplicateSkipped(ILogger logger, string eventType, string eventId, string eventSource, StreamId entryId);

    [LoggerMessage(EventId = 3007, EventName = "event_processing_failed", Level = LogLevel.Warning,
        Message = "event_processing_failed type={EventType} id={EventId} entry={EntryId} attempt={Attempt} of {MaxAttempts}; retry in {RetryDelayMs} ms")]
    public static partial void Failed(ILogger logger, Exception exception, string eventType, string eventId, string entryId, long attempt, int maxAttempts, long retryDelayMs);

    [LoggerMessage(EventId = 3008, EventName = "event_dead_lettered", Level = LogLevel.Error,
        Message = "event_dead_lettered entry={EntryId} type={EventType} id={EventId} attempts={Attempts} reason={Reason} dead_letter_stream={DeadLetterStream} dead_letter_id={DeadLetterId}")]
    public static partial void DeadLettered(ILogger logger, string entryId, string eventType, string eventId, long attempts, string reason, string deadLetterStream, string deadLetterId);

    [LoggerMessage(EventId = 3043, EventName = "dead_letter_skipped", Level = LogLevel.Information,
        Message = "dead_letter_skipped entry={EntryId} type={EventType} reason={Reason}: another consumer settled the entry first")]
    public static partial void DeadLetterSkipped(ILogger logger, string entryId, string eventType, string reason);

    [LoggerMessage(EventId = 3009, EventName = "entries_reclaimed", Level = LogLevel.Information,
        Message = "entries_reclaimed count={Count} idle_over_seconds={IdleSeconds} deleted={Deleted}")]
    public static partial void Reclaimed(ILogger logger, int count, double idleSeconds, int deleted);

    [LoggerMessage(EventId = 3010, EventName = "backlog_processing_started", Level = LogLevel.Information,
        Message = "backlog_processing_started pending_for_consumer={Pending} undelivered={Undelivered} max_age_hours={MaxAgeHours} batch_size={BatchSize}")]
    public static partial void BacklogStarted(ILogger logger, long pending, long undelivered, double maxAgeHours, int batchSize);

    [LoggerMessage(EventId = 3011, EventName = "backlog_batch_processed", Level = LogLevel.Information,
        Message = "backlog_batch_processed batch={Batch} entries={Entries} skipped_too_old={Skipped}")]
    public static partial void BacklogBatch(ILogger logger, int batch, int entries, int skipped);

    [LoggerMessage(EventId = 3012, EventName = "backlog_processing_completed", Level = LogLevel.Information,
        Message = "backlog_processing_completed entries={Entries} skipped_too_old={Skipped} elapsed_ms={ElapsedMs}")]
    public static partial void BacklogCompleted(ILogger logger, long entries, long skipped, long elapsedMs);

    [LoggerMessage(EventId = 3013, EventName = "event_consumer_stopping", Level = LogLevel.Information,
        Message = "event_consumer_stopping in_flight={InFlight} timeout_seconds={TimeoutSeconds}")]
    public static partial void Stopping(ILogger logger, int inFlight, double timeoutSeconds);

    [LoggerMessage(EventId = 3014, EventName = "event_consumer_stopped", Level = LogLevel.Information,
        Message = "event_consumer_stopped processed={Processed} failed={Failed} dead_lettered={DeadLettered}")]
    public static partial void Stopped(ILogger logger, long processed, long failed, long deadLettered);

    [LoggerMessage(EventId = 3015, EventName = "event_consumer_read_failed", Level = LogLevel.Warning,
        Message = "event_consumer_read_failed; retrying in {DelayMs} ms")]
    public static partial void ReadFailed(ILogger logger, Exception exception, long delayMs);

    [LoggerMessage(EventId = 3016, EventName = "consumer_group_created", Level = LogLevel.Information,
        Message = "consumer_group_created stream={Stream} group={Group} start_id={StartId}")]
    public static partial void GroupCreated(ILogger logger, string stream, string group, string startId);

    [LoggerMessage(EventId = 3030, EventName = "backlog_processing_failed", Level = LogLevel.Warning,
        Message = "backlog_processing_failed: going on with new entries; pending ones come back through the reclaimer")]
    public static partial void BacklogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3040, EventName = "backpressure_engaged", Level = LogLevel.Warning,
        Message = "backpressure_engaged stream={Stream} group={Group} lag={Lag} oldest_pending_age_seconds={OldestPendingAge}; reading paused")]
    public static partial void BackpressureEngaged(ILogger logger, string stream, string group, long? lag, double? oldestPendingAge);

    [LoggerMessage(EventId = 3041, EventName = "backpressure_released", Level = LogLevel.Information,
        Message = "backpressure_released stream={Stream} group={Group} lag={Lag} paused_seconds={PausedSeconds}")]
    public static partial void BackpressureReleased(ILogger logger, string stream, string group, long? lag, double pausedSeconds);

    [LoggerMessage(EventId = 3042, EventName = "backpressure_check_failed", Level = LogLevel.Warning,
        Message = "backpressure_check_failed stream={Stream} group={Group}; keeping the last decision (engaged={Engaged})")]
    public static partial void BackpressureCheckFailed(ILogger logger, Exception exception, string stream, string group, bool engaged);
}
