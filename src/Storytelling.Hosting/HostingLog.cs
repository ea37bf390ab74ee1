using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Storytelling.Hosting;

/// <summary>
/// The log events of the shared HTTP plumbing (ids 6001-6099), the same in every service: the APIs log their own
/// endpoint events (Stage 1: 21xx, Stage 2: 31xx) and these.
/// </summary>
public static partial class HostingLog
{
    [LoggerMessage(EventId = 6001, EventName = "api_key_rejected", Level = LogLevel.Warning,
        Message = "api_key_rejected method={Method} path={Path} remote={RemoteAddress} header_present={HeaderPresent}")]
    public static partial void ApiKeyRejected(ILogger logger, string method, PathString path, IPAddress? remoteAddress, bool headerPresent);

    [LoggerMessage(EventId = 6002, EventName = "health_check_failed", Level = LogLevel.Warning,
        Message = "health_check_failed dependency={Dependency} error={Error}")]
    public static partial void HealthCheckFailed(ILogger logger, string dependency, string error);

    [LoggerMessage(EventId = 6003, EventName = "api_request_failed", Level = LogLevel.Error,
        Message = "api_request_failed method={Method} path={Path} trace={TraceId}")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, PathString path, string traceId);

    [LoggerMessage(EventId = 6004, EventName = "api_request_too_large", Level = LogLevel.Information,
        Message = "api_request_too_large method={Method} path={Path} limit_bytes={LimitBytes} remote={RemoteAddress}")]
    public static partial void RequestTooLarge(ILogger logger, string method, PathString path, long limitBytes, IPAddress? remoteAddress);

    [LoggerMessage(EventId = 6005, EventName = "api_started_without_key", Level = LogLevel.Warning,
        Message = "api_started_without_key urls={Urls}: service.api_key is empty, so /v1 answers anyone who can reach it")]
    public static partial void StartedWithoutKey(ILogger logger, string urls);

    [LoggerMessage(EventId = 6006, EventName = "status_server_started", Level = LogLevel.Information,
        Message = "status_server_started urls={Urls} checks={Checks}")]
    public static partial void StatusServerStarted(ILogger logger, string urls, string checks);
}
