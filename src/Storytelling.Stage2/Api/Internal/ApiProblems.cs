using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>The problem details answers more than one endpoint gives.</summary>
internal static class ApiProblems
{
    public const string MaxAnalyzeBytesKey = "stage2.max_analyze_bytes";
    public const string MaxBatchBytesKey = "stage2.max_batch_bytes";

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(title: "Invalid request", statusCode: StatusCodes.Status400BadRequest, detail: detail);

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status404NotFound, detail: detail);

    public static ProblemHttpResult TooLarge(long limit, string key, long? length, string advice) =>
        TypedResults.Problem(title: "Request body too large", statusCode: StatusCodes.Status413PayloadTooLarge, detail: TooLargeDetail(limit, key, length, advice));

    public static string TooLargeDetail(long limit, string key, long? length, string advice) =>
        (length is { } bytes ? $"the request body has {bytes} bytes, more than" : "the request body is larger than") + $" {limit} bytes ({key}): {advice}";

    public static ProblemHttpResult UnsupportedMediaType(string? contentType, string accepted) =>
        TypedResults.Problem(title: "Unsupported content type", statusCode: StatusCodes.Status415UnsupportedMediaType,
            detail: $"Content-Type '{contentType}' is not accepted: send {accepted}");

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
