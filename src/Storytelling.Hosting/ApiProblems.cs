using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Storytelling.Hosting;

/// <summary>The problem details answers (RFC 7807) the services' endpoints share.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(title: "Invalid request", statusCode: StatusCodes.Status400BadRequest, detail: detail);

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status404NotFound, detail: detail);

    /// <summary>413 naming the limit, the setting that holds it (<paramref name="key"/>) and what to do instead.</summary>
    public static ProblemHttpResult TooLarge(long limit, string key, long? length, string advice) =>
        TypedResults.Problem(title: "Request body too large", statusCode: StatusCodes.Status413PayloadTooLarge, detail: TooLargeDetail(limit, key, length, advice));

    public static string TooLargeDetail(long limit, string key, long? length, string advice) =>
        (length is { } bytes ? $"the request body has {bytes} bytes, more than" : "the request body is larger than") + $" {limit} bytes ({key}): {advice}";

    public static ProblemHttpResult UnsupportedMediaType(string? contentType, string accepted) =>
        TypedResults.Problem(title: "Unsupported content type", statusCode: StatusCodes.Status415UnsupportedMediaType,
            detail: $"Content-Type '{contentType}' is not accepted: send {accepted}");
}
