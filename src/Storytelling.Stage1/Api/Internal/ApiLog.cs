using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Storytelling.Stage1.Api.Internal;

/// <summary>The HTTP API's log events (ids 2101-2199; the rest of Stage 1 logs through <c>Storytelling.Stage1.Log</c>).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 2101, EventName = "job_submitted_via_api", Level = LogLevel.Information,
        Message = "job_submitted_via_api job={JobId} batch={BatchId} input={InputName} submitted={Submitted} rejected={Rejected} remote={RemoteAddress}")]
    public static partial void JobSubmittedViaApi(ILogger logger, string jobId, string batchId, string inputName, long submitted, long rejected, IPAddress? remoteAddress);

    [LoggerMessage(EventId = 2102, EventName = "api_key_rejected", Level = LogLevel.Warning,
        Message = "api_key_rejected method={Method} path={Path} remote={RemoteAddress} header_present={HeaderPresent}")]
    public static partial void ApiKeyRejected(ILogger logger, string method, PathString path, IPAddress? remoteAddress, bool headerPresent);

    [LoggerMessage(EventId = 2103, EventName = "health_check_failed", Level = LogLevel.Warning,
        Message = "health_check_failed dependency={Dependency} error={Error}")]
    public static partial void HealthCheckFailed(ILogger logger, string dependency, string error);

    [LoggerMessage(EventId = 2104, EventName = "api_request_failed", Level = LogLevel.Error,
        Message = "api_request_failed method={Method} path={Path} trace={TraceId}")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, PathString path, string traceId);

    [LoggerMessage(EventId = 2105, EventName = "api_request_too_large", Level = LogLevel.Information,
        Message = "api_request_too_large method={Method} path={Path} limit_bytes={LimitBytes} remote={RemoteAddress}")]
    public static partial void RequestTooLarge(ILogger logger, string method, PathString path, long limitBytes, IPAddress? remoteAddress);

    [LoggerMessage(EventId = 2106, EventName = "api_started_without_key", Level = LogLevel.Warning,
        Message = "api_started_without_key urls={Urls}: service.api_key is empty, so /v1 answers anyone who can reach it")]
    public static partial void StartedWithoutKey(ILogger logger, string urls);
}
