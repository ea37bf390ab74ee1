using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Storytelling.Hosting;
using Storytelling.Nlp.Output;
using Storytelling.Stage1.Jobs;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// <c>POST /v1/batches</c>: articles in the input format submitted as a Stage 1 job through Stage 1's
/// <see cref="JobSubmitter"/> (the same as Stage 1's <c>POST /v1/jobs</c>), so they are cleaned, announced and then
/// analysed by Stage 2 as any other job; the job id is the same in both stages. The body is JSONL (streamed) or a JSON
/// array of article objects (held in memory, each element becoming one line), up to <c>stage2.max_batch_bytes</c>.
/// </summary>
internal sealed class BatchEndpoint(JobSubmitter submitter, Stage2ApiOptions options, ILogger logger)
{
    public const int DefaultConcurrency = 4;
    public const string BodyInputName = "request body";

    /// <summary>The media types of a JSONL body; <c>application/json</c> is a JSON array of articles.</summary>
    public static readonly IReadOnlyList<string> JsonlMediaTypes = ["application/x-ndjson", "application/jsonl", "text/plain"];

    public async Task<Results<Accepted<JobView>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request,
        [FromQuery(Name = "batch_id")] string? batchId,
        [FromQuery(Name = "concurrency")] string? concurrency,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length && length > options.MaxBatchBytes)
        {
            return TooLarge(request, length);
        }

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value ?? "" : "";
        var isArray = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
        if (!isArray && !JsonlMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return ApiProblems.UnsupportedMediaType(request.ContentType,
                $"JSONL (one article per line) as {string.Join(", ", JsonlMediaTypes)}, or a JSON array of articles as application/json");
        }

        if (string.IsNullOrWhiteSpace(batchId))
        {
            return ApiProblems.BadRequest("query parameter batch_id is required: the batch these articles belong to (for example batch_id=2026-11-23-news)");
        }

        if (batchId.Length > 200)
        {
            return ApiProblems.BadRequest($"query parameter batch_id is {batchId.Length} characters long: allowed at most 200");
        }

        var jobConcurrency = DefaultConcurrency;
        if (!string.IsNullOrEmpty(concurrency)
            && (!int.TryParse(concurrency, NumberStyles.None, CultureInfo.InvariantCulture, out jobConcurrency) || jobConcurrency is < 1 or > JobRequest.MaxConcurrency))
        {
            return ApiProblems.BadRequest($"query parameter concurrency '{concurrency}': allowed a whole number 1-{JobRequest.MaxConcurrency}");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBatchBytes;
        }

        try
        {
            MemoryStream? array = null;
            if (isArray)
            {
                array = await ArrayToJsonlAsync(request.Body, cancellationToken);
                if (array is null)
                {
                    return ApiProblems.BadRequest(
                        "an application/json body must be a JSON array of articles ([{\"id\": \"a1\", \"title\": \"...\", \"content\": \"...\"}, ...]); " +
                        "send JSONL as application/x-ndjson instead");
                }
            }

            await using (array)
            {
                var job = await submitter.SubmitAsync(new JobRequest(batchId, jobConcurrency, BodyInputName), array ?? request.Body, cancellationToken);
                ApiLog.BatchSubmitted(logger, job.Id, job.BatchId, job.Submitted ?? 0, job.Rejected, request.HttpContext.Connection.RemoteIpAddress);
                return TypedResults.Accepted($"/v1/jobs/{Uri.EscapeDataString(job.Id)}", ReadEndpoints.View(job.Id, null, job));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(request, null);
        }
        catch (JsonException e)
        {
            return ApiProblems.BadRequest($"the application/json body is not valid JSON ({e.Message}); send a JSON array of articles, or JSONL as application/x-ndjson");
        }
    }

    /// <summary>The elements of a JSON array, one compact JSON value per line; null when the body is not an array.</summary>
    private static async Task<MemoryStream?> ArrayToJsonlAsync(Stream body, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var lines = new MemoryStream();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            using (var writer = new Utf8JsonWriter(lines, JsonLines.WriterOptions))
            {
                element.WriteTo(writer);
            }

            lines.WriteByte((byte)'\n');
        }

        lines.Position = 0;
        return lines;
    }

    private ProblemHttpResult TooLarge(HttpRequest request, long? length)
    {
        HostingLog.RequestTooLarge(logger, request.Method, request.Path, options.MaxBatchBytes, request.HttpContext.Connection.RemoteIpAddress);
        return ApiProblems.TooLarge(options.MaxBatchBytes, Stage2ApiOptions.MaxBatchBytesKey, length,
            "split the articles into smaller batches, or submit the file through storytelling batch submit");
    }
}
