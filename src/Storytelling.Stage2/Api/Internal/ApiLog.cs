using System.Net;
using Microsoft.Extensions.Logging;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// The NLP API's own log events (ids 3101-3199); the shared ones (key, health, errors, too large) are
/// <c>Storytelling.Hosting.HostingLog</c>'s and the rest of Stage 2 logs through <c>Storytelling.Stage2.Log</c>.
/// </summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 3101, EventName = "batch_submitted_via_api", Level = LogLevel.Information,
        Message = "batch_submitted_via_api job={JobId} batch={BatchId} submitted={Submitted} rejected={Rejected} remote={RemoteAddress}")]
    public static partial void BatchSubmitted(ILogger logger, string jobId, string batchId, long submitted, long rejected, IPAddress? remoteAddress);
}
