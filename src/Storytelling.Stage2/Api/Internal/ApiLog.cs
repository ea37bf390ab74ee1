using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>The NLP API's log events (ids 3101-3199; the rest of Stage 2 logs through <c>Storytelling.Stage2.Log</c>).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 3101, EventName = "batch_submitted_via_api", Level = LogLevel.Information,
        Message = "batch_submitted_via_api job={JobId} batch={BatchId} submitted={Submitted} rejected={Rejected} remote={RemoteAddress}")]
    public static partial void BatchSubmitted(ILogger logger, string jobId, string batchId, long submitted, long rejected, IPAddress? remoteAddress);

    [LoggerMessage(EventId = 3102, EventName = "api_key_rejected", Level = LogLevel.Warning,
        Message = "api_key_rejected method={Method} path={Path} remote={RemoteAddress} header_present={HeaderPresent}")]
    public static partial void ApiKeyRejected(ILogger logger, string method, PathString path, IPAddress? remoteAddress, bool headerPresent);

    [LoggerMessage(EventId = 3103, EventName = "health_check_failed", Level = LogLevel.Warning,
        Message = "health_check_failed dependency={Dependency} error={Error}")]
    public static partial void HealthCheckFailed(ILogger logger, string dependency, string error);

    [LoggerMessage(EventId = 3104, EventName = "api_request_failed", Level = LogLevel.Error,
        Message = "api_request_failed method={Method} path={Path} trace={TraceId}")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, PathString path, string traceId);

    [LoggerMessage(EventId = 3105, EventName = "api_request_too_large", Level = LogLevel.Information,
        Message = "api_request_too_large method={Method} path={Path} limit_bytes={LimitBytes} remote={RemoteAddress}")]
    public static partial void RequestTooLarge(ILogger logger, string method, PathString path, long limitBytes, IPAddress? remoteAddress);

    [LoggerMessage(EventId = 3106, EventName = "api_started_without_key", Level = LogLevel.Warning,
        Message = "api_started_without_key urls={Urls}: service.api_key is empty, so /v1 answers anyone who can reach it")]
    public static partial void StartedWithoutKey(ILogger logger, string urls);
}
