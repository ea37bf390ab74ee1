using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Storytelling.Hosting;
using Storytelling.Nlp;
using Storytelling.Nlp.Output;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// <c>POST /v1/analyze</c>: one text through the configured NLP pipeline (<c>nlp.pipeline</c>, the one the workers
/// run), answered in the <c>documents.jsonl</c> annotation shape. At most <c>stage2.worker_concurrency</c> texts are
/// analysed at once; the body is limited to <c>stage2.max_analyze_bytes</c>.
/// </summary>
internal sealed class AnalyzeEndpoint(NlpPipeline pipeline, Stage2ApiOptions options, int concurrency, ILogger logger) : IDisposable
{
    public const string DefaultDocumentId = "text";
    public const string Example = """{"text": "Police arrested two men in Linden on Tuesday.", "published_at": "2026-11-17T08:00:00Z"}""";

    private static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly SemaphoreSlim _slots = new(concurrency);

    public async Task<Results<ContentHttpResult, ProblemHttpResult>> AnalyzeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length && length > options.MaxAnalyzeBytes)
        {
            return TooLarge(request, length);
        }

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value ?? "" : "";
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.UnsupportedMediaType(request.ContentType, $"a JSON object as application/json, for example {Example}");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxAnalyzeBytes;
        }

        AnalyzeRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<AnalyzeRequest>(request.Body, BodyOptions, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(request, null);
        }
        catch (JsonException e)
        {
            return ApiProblems.BadRequest($"the body is not an analyze request ({e.Message}); expected {Example}");
        }

        if (string.IsNullOrWhiteSpace(body?.Text))
        {
            return ApiProblems.BadRequest($"body field text is required: the text to analyse, for example {Example}");
        }

        DateTimeOffset? publishedAt = null;
        if (!string.IsNullOrWhiteSpace(body.PublishedAt))
        {
            if (!DateTimeOffset.TryParse(body.PublishedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            {
                return ApiProblems.BadRequest(
                    $"body field published_at '{body.PublishedAt}' is not a date: give ISO 8601, for example 2026-11-17T08:00:00Z; it anchors relative dates such as 'on Tuesday'");
            }

            publishedAt = date;
        }

        var document = new Document(body.Text, string.IsNullOrWhiteSpace(body.Id) ? DefaultDocumentId : body.Id) { PublishedAt = publishedAt };
        await _slots.WaitAsync(cancellationToken);
        try
        {
            pipeline.Process(document, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }

        return TypedResults.Text(AnnotationWriter.ToJson(document), "application/json", Encoding.UTF8);
    }

    public void Dispose() => _slots.Dispose();

    private ProblemHttpResult TooLarge(HttpRequest request, long? length)
    {
        HostingLog.RequestTooLarge(logger, request.Method, request.Path, options.MaxAnalyzeBytes, request.HttpContext.Connection.RemoteIpAddress);
        return ApiProblems.TooLarge(options.MaxAnalyzeBytes, Stage2ApiOptions.MaxAnalyzeBytesKey, length,
            "analyse the text in smaller parts, or submit it as a document with POST /v1/batches");
    }
}

/// <summary>The body of <c>POST /v1/analyze</c>: the text, optionally its publication date (anchors relative dates) and an id for the answer.</summary>
internal sealed record AnalyzeRequest(string? Text, string? PublishedAt, string? Id);
