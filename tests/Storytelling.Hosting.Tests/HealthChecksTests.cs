using System.Diagnostics;

namespace Storytelling.Hosting.Tests;

public sealed class HealthChecksTests
{
    [Fact]
    public async Task A_check_that_never_answers_is_unhealthy_with_no_answer_within_the_timeout_while_the_others_are_reported()
    {
        var never = new TaskCompletionSource();
        var checks = new HealthChecks(
            [
                HealthCheck.Answers("stuck", _ => never.Task),
                HealthCheck.Answers("fine", _ => Task.CompletedTask),
            ],
            TimeSpan.FromMilliseconds(200));

        var watch = Stopwatch.StartNew();
        var report = await checks.RunAsync(CancellationToken.None);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(HealthReport.UnhealthyStatus, report.Status);
        Assert.False(report.Checks["stuck"].Healthy);
        Assert.Equal("no answer within 0.2 s", report.Checks["stuck"].Error);
        Assert.True(report.Checks["stuck"].LatencyMs >= 150, $"latency {report.Checks["stuck"].LatencyMs} ms");
        Assert.True(report.Checks["fine"].Healthy);
        Assert.Null(report.Checks["fine"].Error);
    }

    [Fact]
    public async Task A_check_that_honours_its_token_times_out_the_same_way()
    {
        var checks = new HealthChecks([HealthCheck.Answers("slow", token => Task.Delay(Timeout.Infinite, token))], TimeSpan.FromSeconds(1));

        var report = await checks.RunAsync(CancellationToken.None);

        Assert.Equal("no answer within 1 s", report.Checks["slow"].Error);
    }

    [Fact]
    public async Task A_check_that_throws_is_unhealthy_with_the_message_and_its_cause()
    {
        var checks = new HealthChecks(
            [HealthCheck.Answers("postgres", _ => throw new InvalidOperationException("Failed to connect to 127.0.0.1:1", new IOException("Connection refused")))]);

        var report = await checks.RunAsync(CancellationToken.None);

        Assert.False(report.IsHealthy);
        Assert.Equal("Failed to connect to 127.0.0.1:1: Connection refused", report.Checks["postgres"].Error);
    }

    [Fact]
    public async Task An_unhealthy_result_keeps_its_error_and_details()
    {
        var details = new System.Text.Json.Nodes.JsonObject { ["pending_count"] = 7 };
        var checks = new HealthChecks([new HealthCheck("consumer", _ => Task.FromResult(HealthCheckResult.Unhealthy("not running", details)))]);

        var report = await checks.RunAsync(CancellationToken.None);

        Assert.Equal(("not running", 7), (report.Checks["consumer"].Error, (int)report.Checks["consumer"].Details!["pending_count"]!));
    }

    [Fact]
    public void Two_checks_with_one_name_are_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new HealthChecks(
            [HealthCheck.Answers("redis", _ => Task.CompletedTask), HealthCheck.Answers("redis", _ => Task.CompletedTask)]));

        Assert.Contains("health check 'redis' is given 2 times", error.Message, StringComparison.Ordinal);
    }
}
