using System.Text.Json;

namespace Storytelling.Cli.Tests.Commands;

public sealed class InputCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-input-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> WriteInputAsync(string text)
    {
        var path = Path.Combine(_directory, "articles.jsonl");
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    [Fact]
    public async Task Clean_file_exits_0_and_counts_articles()
    {
        var path = await WriteInputAsync("{\"id\":\"a\",\"content\":\"one\"}\n\n{\"id\":\"b\",\"text\":\"two\"}\n");

        var run = await CliRun.InvokeAsync("input", "check", path, "--json");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Output);
        Assert.Equal(2, report.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(0, report.RootElement.GetProperty("rejected").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("blank_lines").GetInt32());
    }

    [Fact]
    public async Task Bad_lines_exit_2_and_every_rejection_is_kept_with_line_and_reason()
    {
        var path = await WriteInputAsync("{\"id\":\"a\",\"content\":\"one\"}\n{broken\n{\"id\":\"c\",\"content\":42}\n{\"id\":\"d\",\"content\":\"ok\"}\n");
        var rejected = Path.Combine(_directory, "out", "rejected.jsonl");

        var run = await CliRun.InvokeAsync("input", "check", path, "--rejected", rejected);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("2 articles accepted, 2 rejected", run.Output);
        Assert.Contains($"{path}:2 [invalid_json]", run.Output);
        var records = (await File.ReadAllLinesAsync(rejected)).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([2L, 3L], records.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal("wrong_type", records[1].GetProperty("code").GetString());
        Assert.Contains("content", records[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Missing_file_exits_2_naming_it()
    {
        var run = await CliRun.InvokeAsync("input", "check", Path.Combine(_directory, "none.jsonl"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("none.jsonl", run.Error);
    }
}
