using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storytelling.Hosting;
using Storytelling.Stage1.Api.Internal;

namespace Storytelling.Stage1.Api;

/// <summary>
/// The Stage 1 HTTP API (docs/stage1-api.md) as a Kestrel host over a <see cref="Stage1Runtime"/>: jobs under
/// <c>/v1</c> (API key in header <c>X-API-Key</c> when one is set), <c>/health</c>, <c>/health/live</c>,
/// <c>/health/ready</c>, <c>/metrics</c> and the OpenAPI document at <c>/openapi/v1.json</c>. Errors are RFC 7807
/// problem details. The caller owns the runtime (the host does not dispose it) and runs workers where it wants them.
/// </summary>
public static class Stage1Api
{
    /// <summary>The OpenAPI document's name; it is served at <c>/openapi/v1.json</c>.</summary>
    public const string DocumentName = "v1";

    private const long MinRequestBytes = 1024;

    /// <summary>
    /// Builds (does not start) the host. Settings that cannot work (a <see cref="Stage1ApiOptions.SubmitPathRoot"/> that is
    /// not a folder, a too small <see cref="Stage1ApiOptions.MaxRequestBytes"/>) throw <see cref="ArgumentException"/> naming the key.
    /// </summary>
    /// <param name="logging">Adds log providers and filters; without it the host logs nothing (it starts with no providers).</param>
    public static WebApplication Build(Stage1Runtime runtime, Stage1ApiOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var paths = SubmitPathResolver.Create(options.SubmitPathRoot);

        var builder = ServiceHost.CreateBuilder(new ServiceHostOptions
        {
            ApplicationName = typeof(Stage1Api).Assembly.GetName().Name!,
            Urls = options.Urls,
            MaxRequestBodyBytes = options.MaxRequestBytes,
            TooLargeDetail = _ => JobProblems.TooLargeDetail(options.MaxRequestBytes, null),
            MeterPrefixes = ServiceHost.ApiMeterPrefixes,
        }, logging);
        builder.Services.AddOpenApi(DocumentName, openApi => ApiDocument.Configure(openApi, options));

        var app = builder.Build();
        app.UseErrorAnswers();
        var jobs = new JobEndpoints(runtime, options, paths, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Stage1Api).FullName!),
            app.Lifetime.ApplicationStopping);
        var v1 = app.MapKeyedGroup("/v1", options.ApiKey).WithTags("jobs");
        v1.MapPost("/jobs", jobs.SubmitAsync)
            .WithName(ApiDocument.SubmitOperation)
            .WithSummary("Submit a JSONL batch (the body) or a JSONL file under stage1.submit_path_root (a JSON body naming it)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        v1.MapGet("/jobs/{id}", jobs.GetJobAsync)
            .WithName("GetJob")
            .WithSummary("A job's state, counts, timings and first rejections")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/jobs/{id}/documents/{documentId}", jobs.GetDocumentAsync)
            .WithName("GetDocument")
            .WithSummary("One cleaned document of a job")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapOperationalEndpoints(runtime.HealthChecks());
        app.MapOpenApi("/openapi/{documentName}.json").ExcludeFromDescription();
        return app;
    }

    private static void Validate(Stage1ApiOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Urls))
        {
            throw new ArgumentException("Stage 1 API: Urls is empty; give where to listen, for example http://127.0.0.1:8001 (port from stage1.api_port).", nameof(options));
        }

        if (options.MaxRequestBytes < MinRequestBytes)
        {
            throw new ArgumentException(
                $"setting '{JobProblems.MaxRequestBytesKey}' = '{options.MaxRequestBytes}': allowed {MinRequestBytes} or more.", nameof(options));
        }
    }
}
