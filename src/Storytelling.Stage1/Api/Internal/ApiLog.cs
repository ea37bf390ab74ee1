using System.Net;
using Microsoft.Extensions.Logging;

namespace Storytelling.Stage1.Api.Internal;

/// <summary>
/// The HTTP API's own log events (ids 2101-2199); the shared ones (key, health, errors) are <c>Storytelling.Hosting.HostingLog</c>'s
/// and the rest of Stage 1 logs through <c>Storytelling.Stage1.Log</c>.
/// </summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 2101, EventName = "job_submitted_via_api", Level = LogLevel.Information,
        Message = "job_submitted_via_api job={JobId} batch={BatchId} input={InputName} submitted={Submitted} rejected={Rejected} remote={RemoteAddress}")]
    public static partial void JobSubmittedViaApi(ILogger logger, string jobId, string batchId, string inputName, long submitted, long rejected, IPAddress? remoteAddress);
}
