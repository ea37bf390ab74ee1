using Microsoft.Extensions.Logging;

namespace Storytelling.Redis.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "redis_connected", Level = LogLevel.Information,
        Message = "Connected to Redis at {Endpoint} (db {Db}, client name '{ClientName}')")]
    public static partial void Connected(ILogger logger, string endpoint, int db, string? clientName);

    [LoggerMessage(EventId = 2, EventName = "redis_disconnected", Level = LogLevel.Warning,
        Message = "Lost the connection to Redis at {Endpoint}; {FailedCommands} in-flight commands failed and are not resent")]
    public static partial void Disconnected(ILogger logger, string endpoint, int failedCommands, Exception exception);

    [LoggerMessage(EventId = 3, EventName = "redis_reconnecting", Level = LogLevel.Information,
        Message = "Reconnecting to Redis at {Endpoint}: attempt {Attempt} in {DelayMs} ms")]
    public static partial void Reconnecting(ILogger logger, string endpoint, int attempt, long delayMs);

    [LoggerMessage(EventId = 4, EventName = "redis_connect_failed", Level = LogLevel.Warning,
        Message = "Connecting to Redis at {Endpoint} failed (attempt {Attempt})")]
    public static partial void ConnectFailed(ILogger logger, string endpoint, int attempt, Exception exception);
}
