using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;
using Storytelling.Hosting;
using Storytelling.Metadata.Api.Internal;

namespace Storytelling.Metadata.Api;

/// <summary>
/// The registry's read API for downstream stages (docs/registry.md): jobs by stage, status and time, a job's stages,
/// documents and OpenLineage run events, events by document, type, date range or storyline, and the lineage of a
/// document or a storyline, all under <c>/v1/registry</c> (API key in header <c>X-API-Key</c> when one is set), with
/// <c>/health</c>, <c>/health/ready</c> (the primary and the cache), <c>/health/live</c>, <c>/metrics</c> and the
/// OpenAPI document at <c>/openapi/v1.json</c>. A bad query parameter is a 400 problem naming it; an unknown id a 404.
/// The caller owns the reader.
/// </summary>
public static class RegistryApi
{
    /// <summary>The OpenAPI document's name; it is served at <c>/openapi/v1.json</c>.</summary>
    public const string DocumentName = "v1";

    /// <summary>Builds (does not start) the host; empty <see cref="RegistryApiOptions.Urls"/> throws <see cref="ArgumentException"/> naming the setting.</summary>
    /// <param name="logging">Adds log providers and filters; without it the host logs nothing.</param>
    public static WebApplication Build(MetadataReader reader, RegistryApiOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Urls))
        {
            throw new ArgumentException("registry API: Urls is empty; give where to listen, for example http://127.0.0.1:8003 (port from metadata_registry.api_port).", nameof(options));
        }

        var builder = ServiceHost.CreateBuilder(new ServiceHostOptions
        {
            ApplicationName = typeof(RegistryApi).Assembly.GetName().Name!,
            Urls = options.Urls,
            MeterPrefixes = ServiceHost.ApiMeterPrefixes,
        }, logging);
        builder.Services.AddOpenApi(DocumentName, openApi => RegistryApiDocument.Configure(openApi, options.ApiKey));

        var app = builder.Build();
        app.UseErrorAnswers();
        app.MapKeyedGroup("/v1", options.ApiKey).MapRegistryEndpoints(reader);
        app.MapOperationalEndpoints(HealthChecks(reader));
        app.MapOpenApi("/openapi/{documentName}.json").ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Maps the read endpoints under <c>registry/</c> of <paramref name="v1"/> (a host's <c>/v1</c> group, whose filters,
    /// such as the API key, apply): <c>GET registry/jobs</c>, <c>registry/jobs/{id}</c>, <c>registry/jobs/{id}/documents</c>,
    /// <c>registry/jobs/{id}/openlineage</c>, <c>registry/events</c>, <c>registry/lineage/documents/{id}</c> and
    /// <c>registry/lineage/storylines/{id}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder v1, MetadataReader reader)
    {
        ArgumentNullException.ThrowIfNull(v1);
        ArgumentNullException.ThrowIfNull(reader);
        var endpoints = new RegistryEndpoints(reader);
        var registry = v1.MapGroup("/registry").WithTags("registry");
        registry.MapGet("/jobs", endpoints.ListJobsAsync).WithName("ListRegistryJobs")
            .WithSummary("Jobs by stage, status and creation time, newest first")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        registry.MapGet("/jobs/{id}", endpoints.GetJobAsync).WithName("GetRegistryJob")
            .WithSummary("A job's row in each stage that ran it (status, batch, document count, times, error)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        registry.MapGet("/jobs/{id}/documents", endpoints.DocumentsOfJobAsync).WithName("ListRegistryJobDocuments")
            .WithSummary("A job's documents (title, author, publication date, source, url, language, content hash)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        registry.MapGet("/jobs/{id}/openlineage", endpoints.OpenLineageAsync).WithName("GetRegistryJobOpenLineage")
            .WithSummary("A job's run history as OpenLineage 2-0-2 run events (START, then COMPLETE or FAIL, per stage)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        registry.MapGet("/events", endpoints.ListEventsAsync).WithName("ListRegistryEvents")
            .WithSummary("Events by document, type, event date range and storyline, by date")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        registry.MapGet("/lineage/documents/{id}", endpoints.DocumentLineageAsync).WithName("GetRegistryDocumentLineage")
            .WithSummary("A document's jobs, rows, events and the storylines they are in")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        registry.MapGet("/lineage/storylines/{id}", endpoints.StorylineLineageAsync).WithName("GetRegistryStorylineLineage")
            .WithSummary("A storyline's events, the documents they come from and those documents' jobs")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    /// <summary>The readiness checks of a reader: <c>registry_primary</c> (PostgreSQL or Redis) and, with the cache on, <c>registry_cache</c>.</summary>
    public static IReadOnlyList<HealthCheck> HealthChecks(MetadataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var primary = HealthCheck.Answers("registry_primary", reader.CheckPrimaryAsync);
        return reader.HasCache ? [primary, HealthCheck.Answers("registry_cache", reader.CheckCacheAsync)] : [primary];
    }
}
