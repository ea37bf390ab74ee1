using System.Text.Json;

namespace Storytelling.Cli.Tests.Commands;

/// <summary><c>storytelling run</c> as a newcomer types it: the sample corpus in, every output out, a summary.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-run-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_on_the_sample_corpus_writes_every_output_and_prints_a_json_summary()
    {
        var output = Path.Combine(_directory, "out");

        var run = await CliRun.InvokeAsync("run", SampleArticles(), "--out", output, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var summary = JsonDocument.Parse(run.Output);
        var root = summary.RootElement;
        Assert.Equal(41, root.GetProperty("cleaned").GetInt32());
        Assert.Equal(41, root.GetProperty("analysed").GetInt32());
        Assert.True(root.GetProperty("events").GetInt32() > 41, run.Output);
        Assert.InRange(root.GetProperty("storylines").GetInt32(), 1, 41);
        foreach (var file in new[] { "cleaned.jsonl", "documents.jsonl", "events.jsonl", "storylines.jsonl", "rejected.jsonl", "storytelling.db", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing");
        }

        Assert.Contains("progress:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_on_a_missing_file_exits_2_naming_the_file()
    {
        var run = await CliRun.InvokeAsync("run", Path.Combine(_directory, "nope.jsonl"), "--out", Path.Combine(_directory, "out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope.jsonl", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "out")));
    }

    private static string SampleArticles()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "articles.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/articles.jsonl not found above " + AppContext.BaseDirectory);
    }
}
