using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// Turns what escapes an endpoint into problem details: Kestrel's refusals keep their status (a body over the server's
/// limit is 413), anything else is a 500 whose detail points to the log by trace id. No exception text or stack trace
/// of a server error reaches the client.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        var traceId = Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier;
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = $"the request body is larger than {request.Path} takes: POST /v1/analyze up to {ApiProblems.MaxAnalyzeBytesKey}, " +
                    $"POST /v1/batches up to {ApiProblems.MaxBatchBytesKey}",
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            _ => null,
        };
        if (problem is null)
        {
            ApiLog.RequestFailed(logger, exception, request.Method, request.Path, traceId);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = $"the server could not handle {request.Method} {request.Path}; its log has the error (api_request_failed, trace {traceId}). " +
                    "Retry later, or report the trace id",
            };
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }
}
