using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Storytelling.Hosting;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage1.Api.Internal;

/// <summary>
/// <c>POST /v1/jobs</c> (a JSONL body, streamed to the <see cref="JobSubmitter"/>, or a JSON object naming a file under
/// <c>stage1.submit_path_root</c>), <c>GET /v1/jobs/{id}</c> and <c>GET /v1/jobs/{id}/documents/{documentId}</c>.
/// Every refusal is a problem details answer whose <c>detail</c> says what to change.
/// </summary>
internal sealed class JobEndpoints(
    Stage1Runtime runtime, Stage1ApiOptions options, SubmitPathResolver paths, ILogger logger, CancellationToken stopping)
{
    public const int DefaultConcurrency = 4;
    public const int FirstRejections = 10;
    public const string BodyInputName = "request body";

    /// <summary>The media types of a JSONL body; <c>application/json</c> is the path submission.</summary>
    public static readonly IReadOnlyList<string> JsonlMediaTypes = ["application/x-ndjson", "application/jsonl", "text/plain"];

    private static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public async Task<Results<Accepted<JobView>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request,
        [FromQuery(Name = "batch_id")] string? batchId,
        [FromQuery(Name = "concurrency")] string? concurrency,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length && length > options.MaxRequestBytes)
        {
            return JobProblems.TooLarge(options.MaxRequestBytes, length);
        }

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value ?? "" : "";
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return await SubmitPathAsync(request, batchId, concurrency, cancellationToken);
        }

        if (!JsonlMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                title: "Unsupported content type",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: $"Content-Type '{request.ContentType}' is not accepted: send JSONL as {string.Join(", ", JsonlMediaTypes)}, " +
                    "or a JSON object {\"path\": ..., \"batch_id\": ...} as application/json");
        }

        if (JobRequestProblem(batchId, "query parameter batch_id", ParseConcurrency(concurrency, out var jobConcurrency)) is { } problem)
        {
            return problem;
        }

        var job = await runtime.Submitter.SubmitAsync(new JobRequest(batchId!, jobConcurrency, BodyInputName), request.Body, cancellationToken);
        return Accepted(job, request.HttpContext);
    }

    public async Task<Results<Ok<JobView>, ProblemHttpResult>> GetJobAsync(string id, CancellationToken cancellationToken)
    {
        var job = await runtime.Store.GetJobAsync(id, FirstRejections, cancellationToken);
        return job is null ? JobProblems.NoJob(id) : TypedResults.Ok(JobView.From(job, runtime.Time.GetUtcNow()));
    }

    public async Task<Results<Ok<StoredDocument>, ProblemHttpResult>> GetDocumentAsync(string id, string documentId, CancellationToken cancellationToken)
    {
        var document = await runtime.Store.GetDocumentAsync(id, documentId, cancellationToken);
        if (document is not null)
        {
            return TypedResults.Ok(document);
        }

        return await runtime.Store.GetProgressAsync(id, cancellationToken) is null
            ? JobProblems.NoJob(id)
            : TypedResults.Problem(
                title: "Document not found",
                statusCode: StatusCodes.Status404NotFound,
                detail: $"job '{id}' has no cleaned document '{documentId}'; rejected records are not stored as documents " +
                    $"(see the job's first_rejections at /v1/jobs/{id}), and documents appear as workers clean them");
    }

    private async Task<Results<Accepted<JobView>, ProblemHttpResult>> SubmitPathAsync(
        HttpRequest request, string? queryBatchId, string? queryConcurrency, CancellationToken cancellationToken)
    {
        if (!paths.Enabled)
        {
            return TypedResults.Problem(
                title: "Submission by path is turned off",
                statusCode: StatusCodes.Status403Forbidden,
                detail: $"{SubmitPathResolver.RootKey} is empty, so the server reads no files named by clients: send the JSONL itself " +
                    $"as the request body ({JsonlMediaTypes[0]}), or ask the operator to set {SubmitPathResolver.RootKey}");
        }

        PathSubmission? submission;
        try
        {
            submission = await JsonSerializer.DeserializeAsync<PathSubmission>(request.Body, BodyOptions, cancellationToken);
        }
        catch (JsonException e)
        {
            return ApiProblems.BadRequest(
                $"the JSON body is not a job request ({e.Message}); expected {{\"path\": \"in/articles.jsonl\", \"batch_id\": \"b1\", \"concurrency\": 4}}");
        }

        if (string.IsNullOrWhiteSpace(submission?.Path))
        {
            return ApiProblems.BadRequest($"body field path is required: the JSONL file to submit, relative to {SubmitPathResolver.RootKey} or absolute inside it");
        }

        var batchId = string.IsNullOrWhiteSpace(submission.BatchId) ? queryBatchId : submission.BatchId;
        var concurrencyProblem = submission.Concurrency is { } jobConcurrency
            ? CheckConcurrency(jobConcurrency)
            : ParseConcurrency(queryConcurrency, out jobConcurrency);
        if (JobRequestProblem(batchId, "body field batch_id (or query parameter batch_id)", concurrencyProblem) is { } problem)
        {
            return problem;
        }

        var opened = paths.Open(submission.Path);
        if (opened.Problem is not null)
        {
            return ApiProblems.BadRequest(opened.Problem);
        }

        // The file is the server's: a client that stops waiting does not cancel the job half-way, only the service's stop does.
        await using var input = opened.Stream!;
        var job = await runtime.Submitter.SubmitAsync(new JobRequest(batchId!, jobConcurrency, opened.ResolvedPath!), input, stopping);
        return Accepted(job, request.HttpContext);
    }

    private Accepted<JobView> Accepted(JobRecord job, HttpContext context)
    {
        ApiLog.JobSubmittedViaApi(logger, job.Id, job.BatchId, job.InputName, job.Submitted ?? 0, job.Rejected, context.Connection.RemoteIpAddress);
        return TypedResults.Accepted($"/v1/jobs/{Uri.EscapeDataString(job.Id)}", JobView.From(job, runtime.Time.GetUtcNow()));
    }

    private static ProblemHttpResult? JobRequestProblem(string? batchId, string batchIdSource, string? concurrencyProblem)
    {
        if (string.IsNullOrWhiteSpace(batchId))
        {
            return ApiProblems.BadRequest($"{batchIdSource} is required: the batch this input belongs to (for example batch_id=2026-11-23-news)");
        }

        if (batchId.Length > 200)
        {
            return ApiProblems.BadRequest($"batch_id is {batchId.Length} characters long: allowed at most 200");
        }

        return concurrencyProblem is null ? null : ApiProblems.BadRequest(concurrencyProblem);
    }

    private static string? ParseConcurrency(string? raw, out int concurrency)
    {
        if (string.IsNullOrEmpty(raw))
        {
            concurrency = DefaultConcurrency;
            return null;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out concurrency))
        {
            return $"concurrency '{raw}' is not a whole number: allowed 1-{JobRequest.MaxConcurrency}";
        }

        return CheckConcurrency(concurrency);
    }

    private static string? CheckConcurrency(int concurrency) =>
        concurrency is < 1 or > JobRequest.MaxConcurrency ? $"concurrency {concurrency}: allowed 1-{JobRequest.MaxConcurrency}" : null;
}
