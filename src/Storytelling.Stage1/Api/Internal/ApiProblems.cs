using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Storytelling.Stage1.Api.Internal;

/// <summary>The problem details answers more than one endpoint gives.</summary>
internal static class ApiProblems
{
    public const string MaxRequestBytesKey = "stage1.max_request_bytes";

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(title: "Invalid request", statusCode: StatusCodes.Status400BadRequest, detail: detail);

    public static ProblemHttpResult NoJob(string id) =>
        TypedResults.Problem(title: "Job not found", statusCode: StatusCodes.Status404NotFound,
            detail: $"no job '{id}': use the id (job-...) from the Location header of POST /v1/jobs");

    public static ProblemHttpResult TooLarge(long limit, long? length) =>
        TypedResults.Problem(title: "Request body too large", statusCode: StatusCodes.Status413PayloadTooLarge, detail: TooLargeDetail(limit, length));

    public static string TooLargeDetail(long limit, long? length) =>
        (length is { } bytes ? $"the request body has {bytes} bytes, more than" : "the request body is larger than") +
        $" {limit} bytes ({MaxRequestBytesKey}): split the input into smaller batches, or put the file under stage1.submit_path_root and submit it by path";

    /// <summary>Gives the bodiless answers of routing (no such endpoint, wrong method) a detail that says where to look.</summary>
    public static void ExplainEmpty(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"no endpoint at {request.Path}; the endpoints are listed in /openapi/v1.json",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}; the endpoints and their methods are listed in /openapi/v1.json",
            _ => null,
        };
    }
}
