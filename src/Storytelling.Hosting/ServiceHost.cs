using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storytelling.Hosting.Internal;
using Storytelling.Observability;

namespace Storytelling.Hosting;

/// <summary>
/// The HTTP host every service builds on: Kestrel only (no server header), no log providers unless given, routing,
/// RFC 7807 problem details for errors and bodiless answers, snake_case JSON, and one Prometheus exporter. A service
/// builds with <see cref="CreateBuilder"/>, adds its own services, then <see cref="UseErrorAnswers"/>, its endpoints
/// (a key-guarded group from <see cref="MapKeyedGroup"/>) and <see cref="MapOperationalEndpoints"/>.
/// </summary>
public static class ServiceHost
{
    /// <summary>The meter prefix of the pipeline's own instruments.</summary>
    public const string MeterPrefix = "Storytelling";

    /// <summary>An API's meters: the pipeline's and ASP.NET Core's request and connection metrics.</summary>
    public static readonly IReadOnlyList<string> ApiMeterPrefixes = [MeterPrefix, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <param name="logging">Adds log providers and filters; without it the host logs nothing (it starts with no providers).</param>
    public static WebApplicationBuilder CreateBuilder(ServiceHostOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = options.ApplicationName });
        builder.WebHost.UseKestrelCore().UseUrls(options.Urls).ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);

        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(options);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context => ExplainEmpty(context, options.EndpointList));
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddPrometheusMetrics([.. options.MeterPrefixes]);
        return builder;
    }

    /// <summary>Errors and bodiless answers become problem details; the exporter starts listening now, before the first request.</summary>
    public static WebApplication UseErrorAnswers(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<PrometheusExporter>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>
    /// The group under <paramref name="prefix"/>, guarded by <see cref="ApiKeyFilter"/> when <paramref name="apiKey"/>
    /// is set; without one the start is logged as <c>api_started_without_key</c>.
    /// </summary>
    public static RouteGroupBuilder MapKeyedGroup(this WebApplication app, string prefix, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(prefix);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        if (!string.IsNullOrEmpty(apiKey))
        {
            group.AddEndpointFilter(new ApiKeyFilter(apiKey, loggers.CreateLogger(typeof(ApiKeyFilter).FullName!)));
        }
        else
        {
            HostingLog.StartedWithoutKey(loggers.CreateLogger(typeof(ServiceHost).FullName!), app.Services.GetRequiredService<ServiceHostOptions>().Urls);
        }

        return group;
    }

    /// <summary><c>/health</c>, <c>/health/ready</c>, <c>/health/live</c> (<see cref="HealthEndpoints"/>) over <paramref name="checks"/>, and <c>/metrics</c>.</summary>
    public static WebApplication MapOperationalEndpoints(this WebApplication app, IEnumerable<HealthCheck> checks, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HealthEndpoints).FullName!);
        app.MapHealthEndpoints(new HealthChecks(checks, timeout, logger));
        app.MapPrometheusMetrics().WithTags("metrics").ExcludeFromDescription();
        return app;
    }

    /// <summary>Gives the bodiless answers of routing (no such endpoint, wrong method) a detail that says where to look.</summary>
    private static void ExplainEmpty(ProblemDetailsContext context, string endpointList)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"no endpoint at {request.Path}; the endpoints are listed in {endpointList}",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}; the endpoints and their methods are listed in {endpointList}",
            _ => null,
        };
    }
}
