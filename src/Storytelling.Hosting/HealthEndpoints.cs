using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Storytelling.Hosting;

/// <summary>
/// <c>/health</c> and <c>/health/ready</c>: the <see cref="HealthReport"/> of a service's checks as JSON, 200 when
/// every check passed, 503 when one did not; <c>/health/live</c>: 200 while the process answers, whatever its
/// dependencies say (a restart would not bring a database back). None needs the API key.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints, HealthChecks checks)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(checks);
        var names = string.Join(", ", checks.Names);
        endpoints.MapGet("/health", (CancellationToken cancellationToken) => ReportAsync(checks, cancellationToken))
            .WithTags("health").WithSummary($"Readiness of the service's dependencies ({names}): 200 healthy, 503 not")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/health/ready", (CancellationToken cancellationToken) => ReportAsync(checks, cancellationToken))
            .WithTags("health").WithSummary("The same report as /health, for readiness probes")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/health/live", () => TypedResults.Ok(new LiveReport("alive")))
            .WithTags("health").WithSummary("200 while the process answers");
        return endpoints;
    }

    private static async Task<JsonHttpResult<HealthReport>> ReportAsync(HealthChecks checks, CancellationToken cancellationToken)
    {
        var report = await checks.RunAsync(cancellationToken);
        return TypedResults.Json(report, statusCode: report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
