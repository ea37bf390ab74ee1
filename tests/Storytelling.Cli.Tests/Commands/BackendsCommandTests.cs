using System.Text.Json;
using Npgsql;
using Storytelling.Testing;

namespace Storytelling.Cli.Tests.Commands;

/// <summary><c>storytelling backends failures|replay</c> against the real PostgreSQL, with a settings file naming this test's own databases.</summary>
public sealed class BackendsCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-backends-").FullName;
    private readonly string _stage2Database = UniqueNames.Identifier();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Failures_lists_what_an_optional_backend_missed_and_replay_waits_for_a_running_job()
    {
        var config = await WriteConfigAsync();
        var empty = await CliRun.InvokeAsync("--config", config, "backends", "failures");
        await using (var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = _stage2Database }.ConnectionString))
        {
            var store = new Stage2.Storage.Stage2Store(data);
            await store.EnsureJobAsync("job-cli", "batch", batchMode: true, total: 3, DateTimeOffset.UtcNow, CancellationToken.None);
            await store.SaveBackendFailureAsync("jsonl", "job-cli", 2, "doc-2", "IOException: disk full", DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var listed = await CliRun.InvokeAsync("--config", config, "backends", "failures", "--json");
        var replayed = await CliRun.InvokeAsync("--config", config, "backends", "replay", "--job-id", "job-cli");

        Assert.Equal((0, "no backend failures\n"), (empty.ExitCode, empty.Output));
        Assert.Equal(0, listed.ExitCode);
        var failure = Assert.Single(JsonDocument.Parse(listed.Output).RootElement.GetProperty("failures").EnumerateArray());
        Assert.Equal(("jsonl", "job-cli", 2, "doc-2"), (failure.GetProperty("backend").GetString(), failure.GetProperty("job_id").GetString(),
            failure.GetProperty("line").GetInt32(), failure.GetProperty("document_id").GetString()));
        Assert.Equal("IOException: disk full", failure.GetProperty("error").GetString());
        Assert.Equal(0, replayed.ExitCode);
        Assert.StartsWith("0 written, 0 failed again, 1 skipped", replayed.Output, StringComparison.Ordinal);
        Assert.Contains("job-cli is not completed yet", replayed.Output, StringComparison.Ordinal);
    }

    private async Task<string> WriteConfigAsync()
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
            stage1:
              postgres_database: {UniqueNames.Identifier()}
            stage2:
              postgres_database: {_stage2Database}
              output_dir: {Path.Combine(_directory, "stage2")}
            """);
        return config;
    }
}
