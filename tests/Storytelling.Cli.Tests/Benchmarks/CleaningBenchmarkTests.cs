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

        var run = await CliRun.InvokeAsync("bench", "cleaning", "--json", "--articles", "50", "--seconds", "0.2", "--output", output);

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
    public async Task Without_json_the_figures_are_printed_as_text()
    {
        var run = await CliRun.InvokeAsync("bench", "cleaning", "--articles", "20", "--seconds", "0.05");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"^cleaning: [\d.]+ docs/s per core \(one thread: [\d.]+ docs/s wall\), [\d.]+ docs/s on \d+ threads", run.Output);
        Assert.Contains("20 generated pages: mean ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Permutations_that_do_not_split_into_the_bands_stop_the_benchmark_naming_both_keys()
    {
        var settings = Path.Combine(_directory, "settings.yaml");
        await File.WriteAllTextAsync(settings, "stage1:\n  minhash_permutations: 130\n");

        var run = await CliRun.InvokeAsync("bench", "cleaning", "--articles", "5", "--seconds", "0.05", "--config", settings);

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
