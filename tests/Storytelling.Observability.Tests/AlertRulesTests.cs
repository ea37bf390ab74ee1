using Storytelling.Testing;

namespace Storytelling.Observability.Tests;

/// <summary>deploy/prometheus through Debian's promtool: the rules and the scrape configuration load, and the lag and consumer-down alerts fire when they should.</summary>
public sealed class AlertRulesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Promtool_accepts_the_alert_rules_and_the_scrape_configuration()
    {
        var rules = await PromtoolAsync("check", "rules", RepositoryFiles.PathOf("deploy/prometheus/alerts.yml"));
        Assert.True(rules.ExitCode == 0, rules.Output);
        Assert.Contains("SUCCESS: 8 rules found", rules.Output, StringComparison.Ordinal);

        var config = await PromtoolAsync("check", "config", RepositoryFiles.PathOf("deploy/prometheus/prometheus.yml"));
        Assert.True(config.ExitCode == 0, config.Output);
    }

    [Fact]
    public async Task The_lag_and_consumer_down_alerts_fire_after_their_for_duration_and_not_before()
    {
        var test = await PromtoolAsync("test", "rules", RepositoryFiles.PathOf("deploy/prometheus/alerts.test.yml"));
        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("SUCCESS", test.Output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> PromtoolAsync(params string[] arguments) =>
        PrometheusPrograms.RunAsync("promtool", arguments, Path.Combine(RepositoryFiles.Root, "deploy/prometheus"), Timeout);
}
