using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// <c>/health</c> and <c>/health/ready</c>: whether Stage 2's PostgreSQL answers <c>SELECT 1</c> and its Redis answers
/// <c>PING</c> within <see cref="Timeout"/> (JSON, 200 when both do, 503 otherwise); <c>/health/live</c>: 200 while the
/// process answers.
/// </summary>
internal sealed class HealthEndpoints(Stage2Runtime runtime, ILogger logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", CheckAsync).WithTags("health").WithSummary("PostgreSQL and Redis reachability (200 healthy, 503 not)")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/health/ready", CheckAsync).WithTags("health").WithSummary("The same report as /health, for readiness probes")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/health/live", () => TypedResults.Ok(new LiveReport("alive"))).WithTags("health").WithSummary("200 while the process answers");
    }

    private async Task<JsonHttpResult<HealthReport>> CheckAsync(CancellationToken cancellationToken)
    {
        var postgres = ProbeAsync("postgres", async token =>
        {
            await using var command = runtime.DataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(token);
        }, cancellationToken);
        var redis = ProbeAsync("redis", async token => await runtime.Redis.PingAsync(token), cancellationToken);
        var report = HealthReport.Of(await postgres, await redis);
        return TypedResults.Json(report, statusCode: report.Status == "healthy" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private async Task<DependencyHealth> ProbeAsync(string name, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await probe(timeout.Token);
            return new DependencyHealth(true, Elapsed(started), null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var error = e is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : e.Message;
            ApiLog.HealthCheckFailed(logger, name, error);
            return new DependencyHealth(false, Elapsed(started), error);
        }
    }

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
}

/// <summary>The health report: <c>healthy</c> when every dependency answered.</summary>
internal sealed record HealthReport(string Status, DependencyHealth Postgres, DependencyHealth Redis)
{
    public static HealthReport Of(DependencyHealth postgres, DependencyHealth redis) =>
        new(postgres.Healthy && redis.Healthy ? "healthy" : "unhealthy", postgres, redis);
}

internal sealed record DependencyHealth(bool Healthy, double LatencyMs, string? Error);

internal sealed record LiveReport(string Status);
