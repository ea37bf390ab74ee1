using System.Text.Json.Nodes;

namespace Storytelling.Hosting;

/// <summary>What a <see cref="HealthCheck"/> found: healthy or not, why not, and details worth showing (a consumer group's pending and lag).</summary>
public sealed record HealthCheckResult(bool IsHealthy, string? Error = null, JsonNode? Details = null)
{
    public static HealthCheckResult Healthy(JsonNode? details = null) => new(true, null, details);

    public static HealthCheckResult Unhealthy(string error, JsonNode? details = null) => new(false, error, details);
}
