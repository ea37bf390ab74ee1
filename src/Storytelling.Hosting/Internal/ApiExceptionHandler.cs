using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Storytelling.Hosting.Internal;

/// <summary>
/// Turns what escapes an endpoint into problem details: Kestrel's refusals keep their status (a body over
/// <see cref="ServiceHostOptions.MaxRequestBodyBytes"/> is 413, with <see cref="ServiceHostOptions.TooLargeDetail"/>),
/// anything else is a 500 whose detail points to the log by trace id. No exception text or stack trace of a server
/// error reaches the client.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ServiceHostOptions options, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        var traceId = Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier;
        ProblemDetails problem;
        switch (exception)
        {
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                HostingLog.RequestTooLarge(logger, request.Method, request.Path, options.MaxRequestBodyBytes ?? -1, httpContext.Connection.RemoteIpAddress);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = options.TooLargeDetail(request),
                };
                break;
            case BadHttpRequestException bad:
                problem = new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
                break;
            default:
                HostingLog.RequestFailed(logger, exception, request.Method, request.Path, traceId);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "Internal error",
                    Detail = $"the server could not handle {request.Method} {request.Path}; its log has the error (api_request_failed, trace {traceId}). " +
                        "Retry later, or report the trace id",
                };
                break;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }
}
