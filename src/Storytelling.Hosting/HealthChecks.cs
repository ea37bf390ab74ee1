using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Storytelling.Hosting;

/// <summary>
/// A service's readiness checks, run together, each given at most <see cref="Timeout"/>: a check that has not answered
/// by then is unhealthy with <c>no answer within N s</c>, even when it ignores its cancellation token. A failed
/// check is logged (<c>health_check_failed</c>) and reported, never thrown.
/// </summary>
public sealed class HealthChecks
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private readonly HealthCheck[] _checks;
    private readonly ILogger _logger;

    public HealthChecks(IEnumerable<HealthCheck> checks, TimeSpan? timeout = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        _checks = [.. checks];
        var duplicate = _checks.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"health check '{duplicate.Key}' is given {duplicate.Count()} times: give each check its own name", nameof(checks));
        }

        Timeout = timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(timeout));
        _logger = logger ?? NullLogger.Instance;
    }

    public TimeSpan Timeout { get; }

    public IReadOnlyList<string> Names => [.. _checks.Select(c => c.Name)];

    /// <summary>Runs every check at once and reports each; cancelled only by <paramref name="cancellationToken"/> (the caller went away).</summary>
    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_checks.Select(c => RunAsync(c, cancellationToken)));
        var checks = new Dictionary<string, HealthCheckReport>(StringComparer.Ordinal);
        for (var i = 0; i < _checks.Length; i++)
        {
            checks[_checks[i].Name] = results[i];
        }

        return new HealthReport(results.All(r => r.Healthy) ? HealthReport.HealthyStatus : HealthReport.UnhealthyStatus, checks);
    }

    private async Task<HealthCheckReport> RunAsync(HealthCheck check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var started = Stopwatch.GetTimestamp();
        HealthCheckResult result;
        Task<HealthCheckResult>? probe = null;
        try
        {
            probe = check.Probe(timeout.Token);
            result = await probe.WaitAsync(Timeout, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            result = HealthCheckResult.Unhealthy(e is TimeoutException or OperationCanceledException
                ? string.Create(CultureInfo.InvariantCulture, $"no answer within {Timeout.TotalSeconds:0.###} s")
                : Describe(e));
            // A probe abandoned on timeout may still fail later: observe it so its exception goes nowhere.
            _ = probe?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        var latency = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
        if (!result.IsHealthy)
        {
            HostingLog.HealthCheckFailed(_logger, check.Name, result.Error ?? "unhealthy");
        }

        return new HealthCheckReport(result.IsHealthy, latency, result.IsHealthy ? null : result.Error ?? "unhealthy", result.Details);
    }

    /// <summary>The exception's message with its causes' (a connection refused under a "failed to connect").</summary>
    private static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (!parts.Exists(p => p.Contains(e.Message, StringComparison.Ordinal)))
            {
                parts.Add(e.Message);
            }
        }

        return string.Join(": ", parts);
    }
}
