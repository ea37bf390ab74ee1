namespace Storytelling.Hosting;

/// <summary>
/// The answer of <c>/health</c> and <c>/health/ready</c>: <c>healthy</c> when every check passed, else
/// <c>unhealthy</c>, and each check by name.
/// </summary>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, HealthCheckReport> Checks)
{
    public const string HealthyStatus = "healthy";
    public const string UnhealthyStatus = "unhealthy";

    public bool IsHealthy => Status == HealthyStatus;
}
