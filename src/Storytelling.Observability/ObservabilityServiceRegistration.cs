using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Storytelling.Observability;

/// <summary>Registers the process's Prometheus exporter and serves it.</summary>
public static class ObservabilityServiceRegistration
{
    /// <summary>One exporter per process, listening to meters whose names start with <paramref name="meterPrefixes"/>.</summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, params string[] meterPrefixes)
    {
        services.AddSingleton(_ => new PrometheusExporter(meterPrefixes.Length == 0 ? ["Storytelling"] : meterPrefixes));
        return services;
    }

    /// <summary>Serves the text format on <paramref name="pattern"/> (default <c>/metrics</c>), without authentication.</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics") =>
        endpoints.MapGet(pattern, (PrometheusExporter exporter) => Results.Text(exporter.Render(), PrometheusExporter.ContentType));
}
