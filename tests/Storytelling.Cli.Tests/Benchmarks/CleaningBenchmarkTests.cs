using System.Text.Json;
using Storytelling.Cli.Benchmarks;

namespace Storytelling.Cli.Tests.Benchmarks;

public sealed class CleaningBenchmarkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-bench-cleaning-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Json_report_has_positive_throughput_and_the_document_figures()
    {
        var output = Path.Combine(_directory, "cleaning.json");

        var run = await CliRun.InvokeAsync("bench", "cleaning", "--json", "--articles", "50", "--seconds", "0.2", "--output", output, "--job-articles", "0");

        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        var report = document.RootElement;
        Assert.Equal("cleaning", report.GetProperty("benchmark").GetString());
        foreach (var figure in new[] { "docs_per_second_per_core", "docs_per_second_all_cores", "docs_per_second_one_thread_wall", "mean_output_chars" })
        {
            Assert.True(report.GetProperty(figure).GetDouble() > 0, $"{figure} is {report.GetProperty(figure)}");
        }

        Assert.InRange(report.GetProperty("mean_input_bytes").GetDouble(), NewsArticleGenerator.MinPageBytes, NewsArticleGenerator.MaxPageBytes);
        Assert.True(report.GetProperty("mean_output_chars").GetDouble() < report.GetProperty("mean_input_bytes").GetDouble());
        var rejected = report.GetProperty("rejected_fraction").GetDouble();
        Assert.InRange(rejected, 0, 0.5);
        Assert.Equal(rejected * 50, report.GetProperty("rejections").EnumerateObject().Sum(r => r.Value.GetInt32()), 3);
        Assert.Equal(CleaningBenchmark.Rounds, report.GetProperty("rounds_per_core").GetArrayLength());
        Assert.Equal(CleaningBenchmark.Rounds, report.GetProperty("rounds_all_cores").GetArrayLength());
        Assert.Equal(50, report.GetProperty("settings").GetProperty("articles").GetInt32());
        Assert.Equal(200, report.GetProperty("settings").GetProperty("min_text_chars").GetInt32());
        Assert.Equal(Environment.ProcessorCount, report.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Equal(run.Output.Trim(), (await File.ReadAllTextAsync(output)).Trim());
    }

    [Fact]
    public async Task Job_run_cleans_every_article_through_a_worker_into_postgresql_and_cleans_up_after_itself()
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(Storytelling.Testing.TestServers.Postgres);
        var settings = Path.Combine(_directory, "servers.yaml");
        await File.WriteAllTextAsync(settings, $"""
            redis:
              host: {Storytelling.Testing.TestServers.RedisHost}
              port: {Storytelling.Testing.TestServers.RedisPort}
            postgres:
              host: {server.Host}
              port: {server.Port}
              username: {server.Username}
              password: {server.Password}
            stage1:
              redis_db: 0
              worker_concurrency: 2
            """);

        var run = await CliRun.InvokeAsync("bench", "cleaning", "--json", "--articles", "5", "--seconds", "0.05", "--job-articles", "40", "--config", settings);

        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        var report = document.RootElement;
        Assert.True(report.GetProperty("job_docs_per_second").GetDouble() > 0);
        var job = report.GetProperty("job");
        Assert.Equal(40, job.GetProperty("cleaned").GetInt64() + job.GetProperty("rejected").GetInt64());
        Assert.True(job.GetProperty("cleaned").GetInt64() >= 30, job.ToString());
        await using var admin = Npgsql.NpgsqlDataSource.Create(Storytelling.Testing.TestServers.Postgres);
        await using var leftovers = admin.CreateCommand("SELECT count(*) FROM pg_database WHERE datname LIKE 'bench_stage1_%'");
        Assert.Equal(0L, await leftovers.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Without_json_the_figures_are_printed_as_text()
    {
        var run = await CliRun.InvokeAsync("bench", "cleaning", "--articles", "20", "--seconds", "0.05", "--job-articles", "0");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"^cleaning: [\d.]+ docs/s per core \(one thread: [\d.]+ docs/s wall\), [\d.]+ docs/s on \d+ threads", run.Output);
        Assert.Contains("20 generated pages: mean ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Permutations_that_do_not_split_into_the_bands_stop_the_benchmark_naming_both_keys()
    {
        var settings = Path.Combine(_directory, "settings.yaml");
        await File.WriteAllTextAsync(settings, "stage1:\n  minhash_permutations: 130\n");

        var run = await CliRun.InvokeAsync("bench", "cleaning", "--articles", "5", "--seconds", "0.05", "--job-articles", "0", "--config", settings);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("stage1.minhash_permutations", run.Error, StringComparison.Ordinal);
        Assert.Contains("stage1.lsh_bands (32)", run.Error, StringComparison.Ordinal);
        Assert.Contains(settings, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task An_article_count_of_zero_is_bad_usage()
    {
        var run = await CliRun.InvokeAsync("bench", "cleaning", "--articles", "0");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--articles 0: allowed 1 to 1000000", run.Error, StringComparison.Ordinal);
    }
}
