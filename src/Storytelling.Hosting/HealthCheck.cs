namespace Storytelling.Hosting;

/// <summary>
/// One named readiness check: <see cref="Probe"/> asks a dependency (a database, a consumer, the models) and says
/// whether it is usable. <see cref="HealthChecks"/> runs it with a timeout; an exception counts as unhealthy with its
/// message as the error.
/// </summary>
public sealed record HealthCheck(string Name, Func<CancellationToken, Task<HealthCheckResult>> Probe)
{
    /// <summary>A check that is healthy when <paramref name="probe"/> completes and unhealthy when it throws.</summary>
    public static HealthCheck Answers(string name, Func<CancellationToken, Task> probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return new HealthCheck(name, async cancellationToken =>
        {
            await probe(cancellationToken);
            return HealthCheckResult.Healthy();
        });
    }
}
