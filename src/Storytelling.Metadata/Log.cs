using Microsoft.Extensions.Logging;

namespace Storytelling.Metadata;

/// <summary>The registry's log events (6001-6099); names follow the seed's where it has them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6001, EventName = "metadata_registry_started", Level = LogLevel.Information,
        Message = "metadata_registry_started primary={Primary} cache={Cache} write_only={WriteOnly} rollout_percent={Rollout} outbox={Outbox} pending={Pending}")]
    public static partial void Started(ILogger logger, MetadataBackend primary, bool cache, bool writeOnly, int rollout, string outbox, long pending);

    [LoggerMessage(EventId = 6002, EventName = "metadata_documents_registered", Level = LogLevel.Information,
        Message = "metadata_documents_registered stage={Stage} job={JobId} documents={Count}")]
    public static partial void DocumentsRegistered(ILogger logger, string stage, string jobId, int count);

    [LoggerMessage(EventId = 6003, EventName = "metadata_write_only", Level = LogLevel.Information,
        Message = "metadata_write_only (nothing written) stage={Stage} entity_type={EntityType} job={JobId} count={Count}")]
    public static partial void WriteOnly(ILogger logger, string stage, string entityType, string jobId, int count);

    [LoggerMessage(EventId = 6004, EventName = "metadata_registry_unavailable", Level = LogLevel.Warning,
        Message = "metadata_registry_unavailable primary={Primary} pending={Pending} oldest_age_s={OldestAgeSeconds:0.0}: delivery retried in {RetryMs} ms; the pipeline goes on")]
    public static partial void Unavailable(ILogger logger, Exception exception, MetadataBackend primary, long pending, double oldestAgeSeconds, long retryMs);

    [LoggerMessage(EventId = 6005, EventName = "metadata_registry_recovered", Level = LogLevel.Information,
        Message = "metadata_registry_recovered primary={Primary} after {Failures} failed attempts; pending={Pending}")]
    public static partial void Recovered(ILogger logger, MetadataBackend primary, int failures, long pending);

    [LoggerMessage(EventId = 6006, EventName = "metadata_outbox_delivered", Level = LogLevel.Debug,
        Message = "metadata_outbox_delivered entries={Entries} through={Seq} elapsed_ms={ElapsedMs:0.0} pending={Pending}")]
    public static partial void Delivered(ILogger logger, int entries, long seq, double elapsedMs, long pending);

    [LoggerMessage(EventId = 6007, EventName = "metadata_outbox_adopted", Level = LogLevel.Information,
        Message = "metadata_outbox_adopted file={File} pending={Pending}: an outbox left by a stopped process is delivered")]
    public static partial void Adopted(ILogger logger, string file, long pending);

    [LoggerMessage(EventId = 6008, EventName = "metadata_registry_stopped", Level = LogLevel.Information,
        Message = "metadata_registry_stopped pending={Pending} outbox={Outbox}")]
    public static partial void Stopped(ILogger logger, long pending, string outbox);

    [LoggerMessage(EventId = 6009, EventName = "metadata_job_registered", Level = LogLevel.Debug,
        Message = "metadata_job_registered stage={Stage} job={JobId} status={Status} documents={Documents}")]
    public static partial void JobRecorded(ILogger logger, string stage, string jobId, string status, long? documents);

    [LoggerMessage(EventId = 6010, EventName = "metadata_cache_unavailable", Level = LogLevel.Warning,
        Message = "metadata_cache_unavailable job={JobId} stage={Stage} cache={Cache}: the read is answered by the primary")]
    public static partial void CacheUnavailable(ILogger logger, Exception exception, string jobId, string stage, string cache);
}
