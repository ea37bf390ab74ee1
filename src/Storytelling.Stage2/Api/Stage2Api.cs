using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storytelling.Hosting;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage2.Api.Internal;

namespace Storytelling.Stage2.Api;

/// <summary>
/// The Stage 2 NLP API (docs/stage2-api.md) as a Kestrel host over a <see cref="Stage2Runtime"/>: jobs, documents,
/// events, storylines, search, analysis and batch submission under <c>/v1</c> (API key in header <c>X-API-Key</c> when
/// one is set), <c>/health</c>, <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c> and the OpenAPI document at
/// <c>/openapi/v1.json</c>, and the storyline explorer page at <c>/</c> (docs/explorer.md; open, its reads send the key
/// the user enters). Errors are RFC 7807 problem details. The caller owns the runtime and the submitter.
/// </summary>
public static class Stage2Api
{
    /// <summary>The OpenAPI document's name; it is served at <c>/openapi/v1.json</c>.</summary>
    public const string DocumentName = "v1";

    private const long MinRequestBytes = 1024;

    /// <summary>
    /// Builds (does not start) the host. Settings that cannot work (empty <see cref="Stage2ApiOptions.Urls"/>, a limit
    /// under 1024 bytes) throw <see cref="ArgumentException"/> naming the key.
    /// </summary>
    /// <param name="submitter">Stage 1's submitter: <c>POST /v1/batches</c> submits the articles as a Stage 1 job with it.</param>
    /// <param name="logging">Adds log providers and filters; without it the host logs nothing (it starts with no providers).</param>
    public static WebApplication Build(Stage2Runtime runtime, JobSubmitter submitter, Stage2ApiOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(submitter);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var builder = ServiceHost.CreateBuilder(new ServiceHostOptions
        {
            ApplicationName = typeof(Stage2Api).Assembly.GetName().Name!,
            Urls = options.Urls,
            MaxRequestBodyBytes = Math.Max(options.MaxAnalyzeBytes, options.MaxBatchBytes),
            TooLargeDetail = request => $"the request body is larger than {request.Path} takes: POST /v1/analyze up to {Stage2ApiOptions.MaxAnalyzeBytesKey}, " +
                $"POST /v1/batches up to {Stage2ApiOptions.MaxBatchBytesKey}",
            MeterPrefixes = ServiceHost.ApiMeterPrefixes,
        }, logging);
        builder.Services.AddOpenApi(DocumentName, openApi => ApiDocument.Configure(openApi, options));

        var app = builder.Build();
        app.UseErrorAnswers();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Stage2Api).FullName!);
        var v1 = app.MapKeyedGroup("/v1", options.ApiKey);
        var reads = new ReadEndpoints(runtime, new Stage2Queries(runtime.DataSource));
        v1.MapGet("/jobs/{id}", reads.GetJobAsync).WithTags("jobs").WithName("GetJob")
            .WithSummary("A job's Stage 2 state and counts (waiting, running, completed), with Stage 1's side")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapPost("/batches", new BatchEndpoint(submitter, options, logger).SubmitAsync).WithTags("jobs").WithName(ApiDocument.BatchOperation)
            .WithSummary("Submit articles (JSONL or a JSON array) as a job: cleaned by Stage 1, then analysed by Stage 2")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        v1.MapGet("/documents/{id}", reads.GetDocumentAsync).WithTags("documents").WithName("GetDocument")
            .WithSummary("The latest analysis of a document: text, counts, annotations, events, storyline")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/events", reads.FindEventsAsync).WithTags("events").WithName("FindEvents")
            .WithSummary("Events by document, type, date range, argument text and storyline, a page at a time")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        v1.MapGet("/storylines", reads.ListStorylinesAsync).WithTags("storylines").WithName("ListStorylines")
            .WithSummary("Storylines, most recently updated first, optionally filtered by words in their titles")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        v1.MapGet("/storylines/{id}", reads.GetStorylineAsync).WithTags("storylines").WithName("GetStoryline")
            .WithSummary("A storyline with its documents and its events in time order")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/search", reads.SearchAsync).WithTags("search").WithName("Search")
            .WithSummary("Full-text search over documents and events, ranked, with snippets")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        var analyze = new AnalyzeEndpoint(runtime.Settings.Pipeline.Value, options, runtime.Settings.Stage2.WorkerConcurrency, logger);
        app.Lifetime.ApplicationStopped.Register(analyze.Dispose);
        v1.MapPost("/analyze", analyze.AnalyzeAsync).WithTags("analysis").WithName(ApiDocument.AnalyzeOperation)
            .WithSummary("Analyse one text with the configured NLP pipeline (tokens, tags, lemmas, entities, dependencies, time expressions, events)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        ExplorerEndpoints.Map(app);
        app.MapOperationalEndpoints(runtime.HealthChecks());
        app.MapOpenApi("/openapi/{documentName}.json").ExcludeFromDescription();
        return app;
    }

    private static void Validate(Stage2ApiOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Urls))
        {
            throw new ArgumentException("Stage 2 API: Urls is empty; give where to listen, for example http://127.0.0.1:8002 (port from stage2.api_port).", nameof(options));
        }

        foreach (var (key, value) in new[] { (Stage2ApiOptions.MaxAnalyzeBytesKey, options.MaxAnalyzeBytes), (Stage2ApiOptions.MaxBatchBytesKey, options.MaxBatchBytes) })
        {
            if (value < MinRequestBytes)
            {
                throw new ArgumentException($"setting '{key}' = '{value}': allowed {MinRequestBytes} or more.", nameof(options));
            }
        }
    }
}
