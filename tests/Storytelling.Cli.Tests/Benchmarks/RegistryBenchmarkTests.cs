using System.Text.Json;
using Npgsql;
using Storytelling.Testing;

namespace Storytelling.Cli.Tests.Benchmarks;

/// <summary><c>storytelling bench registry</c> on tiny sizes against the test servers: the figures' shape, not their values.</summary>
public sealed class RegistryBenchmarkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-bench-registry-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Bench_registry_json_has_the_three_figures_and_each_rounds_batches()
    {
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        var config = Path.Combine(_directory, "settings.yaml");
        await File.WriteAllTextAsync(config, $"""
            redis:
              host: {TestServers.RedisHost}
              port: {TestServers.RedisPort}
            postgres:
              host: {server.Host}
              port: {server.Port}
              username: {server.Username}
              password: "{server.Password}"
            """);

        var run = await CliRun.InvokeAsync("--config", config, "bench", "registry", "--json", "--documents", "2", "--rounds", "2", "--rows", "1500", "--jobs", "3");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        var figures = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(JsonValueKind.Number, figures.GetProperty("overhead_percent").ValueKind);
        Assert.True(figures.GetProperty("document_rows_per_second").GetDouble() > 0);
        Assert.True(figures.GetProperty("job_registration_ms").GetDouble() > 0);
        Assert.True(figures.GetProperty("job_delivered_ms").GetDouble() >= figures.GetProperty("job_registration_ms").GetDouble());
        Assert.Equal(2, figures.GetProperty("batch_seconds_registry_on").GetArrayLength());
        Assert.Equal(2, figures.GetProperty("batch_seconds_registry_off").GetArrayLength());
        // Each batch takes CPU in this process, and the machine's busy time includes it.
        foreach (var side in (string[])["on", "off"])
        {
            var process = figures.GetProperty($"process_cpu_seconds_registry_{side}").EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(2, process.Count);
            Assert.All(process, seconds => Assert.True(seconds > 0, $"process CPU of a {side} batch: {seconds}"));
        }

        Assert.Equal(JsonValueKind.Number, figures.GetProperty("process_cpu_overhead_percent").ValueKind);
        // The paired figure is the median of the rounds' on - off differences (two rounds: their mean) over the median off,
        // here recomputed from the rounded per-round figures.
        double[] on = [.. figures.GetProperty("process_cpu_seconds_registry_on").EnumerateArray().Select(v => v.GetDouble())];
        double[] off = [.. figures.GetProperty("process_cpu_seconds_registry_off").EnumerateArray().Select(v => v.GetDouble())];
        var expected = (on[0] - off[0] + on[1] - off[1]) / 2 / ((off[0] + off[1]) / 2) * 100;
        var paired = figures.GetProperty("process_cpu_overhead_paired_percent").GetDouble();
        Assert.True(Math.Abs(paired - expected) <= (0.2 / ((off[0] + off[1]) / 2)) + 0.02, $"paired {paired} %, recomputed {expected} %");
        Assert.True(figures.GetProperty("process_cpu_overhead_paired_stderr_percent").GetDouble() >= 0);
        Assert.Equal(JsonValueKind.Number, figures.GetProperty("overhead_paired_percent").ValueKind);
        Assert.Equal(JsonValueKind.Number, figures.GetProperty("cpu_overhead_paired_stderr_percent").ValueKind);
        Assert.Equal(1500, figures.GetProperty("document_rows").GetInt32());
        Assert.Contains("round 2: 2 documents", run.Error, StringComparison.Ordinal);
    }
}
