using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;
using Storytelling.Cli.Commands;
using Storytelling.Cli.Processes;
using Storytelling.Metadata;
using Storytelling.Metadata.Tests;
using Storytelling.Storage;
using Storytelling.Testing;

namespace Storytelling.Cli.Tests.Commands;

/// <summary><c>storytelling registry jobs|documents|events|lineage</c> on a registry with known rows, with a settings file naming this class's database.</summary>
public sealed class RegistryCommandTests : IAsyncLifetime
{
    private readonly MetadataRegistryOptions _options = RegistryTestOptions.SharedServer();
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-registry-").FullName;
    private KnownRegistry _known = null!;
    private string _config = null!;

    public async Task InitializeAsync()
    {
        _known = await KnownRegistry.WriteAsync(_options);
        _config = await WriteConfigAsync(_options.PostgresPort, "registry.yaml");
    }

    public async Task DisposeAsync()
    {
        await PostgresDatabases.DropIfExistsAsync(_options.ToPostgresOptions(), CancellationToken.None);
        RegistryTestOptions.DeleteOutbox(_options);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Jobs_are_filtered_by_stage_and_status_as_json_and_as_a_table()
    {
        var stage1 = await RunJsonAsync("registry", "jobs", "--stage", "stage1", "--json");
        var failed = await RunJsonAsync("registry", "jobs", "--status", "failed", "--since", "2020-01-01", "--json");
        var running = await CliRun.InvokeAsync("--config", _config, "registry", "jobs", "--status", "running");

        Assert.Equal(new[] { _known.Done, _known.Failed }.Order(StringComparer.Ordinal), Values(stage1, "jobs", "job_id").Order(StringComparer.Ordinal));
        Assert.Equal(2, stage1.GetProperty("count").GetInt32());
        var failure = Assert.Single(failed.GetProperty("jobs").EnumerateArray());
        Assert.Equal((_known.Failed, "input unreadable at line 3"), (failure.GetProperty("job_id").GetString(), failure.GetProperty("error_message").GetString()));
        Assert.Equal(0, running.ExitCode);
        var lines = running.Output.TrimEnd().Split('\n');
        Assert.Equal("1 job(s), newest first", lines[0]);
        Assert.StartsWith("JOB", lines[1], StringComparison.Ordinal);
        Assert.Matches($@"^{_known.Running}\s+stage2\s+running\s+batch-c\s+7\s", lines[2]);
    }

    [Fact]
    public async Task Documents_of_a_job_and_events_by_type_date_and_storyline()
    {
        var documents = await RunJsonAsync("registry", "documents", "--job", _known.Done, "--json");
        var conflicts = await RunJsonAsync("registry", "events", "--type", "conflict", "--json");
        var early = await RunJsonAsync("registry", "events", "--from", "2026-11-11", "--to", "2026-11-15", "--json");
        var storyline = await RunJsonAsync("registry", "events", "--storyline", "sl-1", "--json");
        var table = await CliRun.InvokeAsync("--config", _config, "registry", "documents", "--job", _known.Done);

        Assert.Equal(["doc-1", "doc-2"], Values(documents, "documents", "document_id"));
        Assert.Equal(["doc-1-ev1", "doc-2-ev1"], Values(conflicts, "events", "event_id"));
        Assert.Equal(["doc-1-ev2"], Values(early, "events", "event_id"));
        Assert.Equal(["doc-1-ev1", "doc-2-ev1"], Values(storyline, "events", "event_id"));
        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"2 document(s) of {_known.Done}", table.Output, StringComparison.Ordinal);
        Assert.Matches(@"\ndoc-2\s+2026-11-17\s+Test Wire\s+en\s+Council approves plan 2\n", table.Output);
    }

    [Fact]
    public async Task Lineage_runs_from_document_to_events_to_storyline_and_back()
    {
        var document = await RunJsonAsync("registry", "lineage", "--document", "doc-1", "--json");
        var storyline = await RunJsonAsync("registry", "lineage", "--storyline", "sl-1", "--json");
        var runs = await RunJsonAsync("registry", "lineage", "--document", "doc-1", "--openlineage", "--json");
        var table = await CliRun.InvokeAsync("--config", _config, "registry", "lineage", "--storyline", "sl-1");

        Assert.Equal(["doc-1-ev1", "doc-1-ev2"], Values(document, "events", "event_id"));
        Assert.Equal(["sl-1"], document.GetProperty("storylines").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["stage1", "stage2"], Values(document, "jobs", "stage").Order(StringComparer.Ordinal));
        Assert.Equal(["doc-1", "doc-2"], Values(storyline, "documents", "document_id"));
        Assert.Equal(["doc-1-ev1", "doc-2-ev1"], Values(storyline, "events", "event_id"));
        Assert.Equal(4, runs.GetProperty("run_events").GetArrayLength());
        Assert.Equal(["storytelling.stage1", "storytelling.stage2"],
            runs.GetProperty("run_events").EnumerateArray().Select(e => e.GetProperty("job").GetProperty("name").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(0, table.ExitCode);
        Assert.StartsWith("lineage of storyline sl-1: 2 job row(s)", table.Output, StringComparison.Ordinal);
        Assert.Contains("2 document(s)", table.Output, StringComparison.Ordinal);
        Assert.EndsWith("storylines: sl-1\n", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_options_are_exit_2_naming_them_and_an_unreachable_registry_exit_1_naming_it()
    {
        var stage = await CliRun.InvokeAsync("--config", _config, "registry", "jobs", "--stage", "stage3");
        var limit = await CliRun.InvokeAsync("--config", _config, "registry", "events", "--limit", "0");
        var date = await CliRun.InvokeAsync("--config", _config, "registry", "events", "--from", "last week");
        var both = await CliRun.InvokeAsync("--config", _config, "registry", "lineage", "--document", "doc-1", "--storyline", "sl-1");
        var noJob = await CliRun.InvokeAsync("--config", _config, "registry", "documents");
        var port = FreePorts.Next();
        var unreachable = await CliRun.InvokeAsync("--config", await WriteConfigAsync(port, "unreachable.yaml"), "registry", "jobs");

        Assert.Equal((2, "error: --stage 'stage3' is not a stage: allowed stage1, stage2\n"), (stage.ExitCode, stage.Error));
        Assert.Equal(2, limit.ExitCode);
        Assert.Contains("--limit '0'", limit.Error, StringComparison.Ordinal);
        Assert.Equal(2, date.ExitCode);
        Assert.Contains("--from 'last week' is not a date", date.Error, StringComparison.Ordinal);
        Assert.Equal((2, "error: give one of --document ID or --storyline ID\n"), (both.ExitCode, both.Error));
        Assert.Equal(2, noJob.ExitCode);
        Assert.Contains("--job", noJob.Error, StringComparison.Ordinal);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains($"PostgreSQL {_options.PostgresHost}:{port} database {_options.PostgresDatabase}", unreachable.Error, StringComparison.Ordinal);
        Assert.Empty(unreachable.Output);
    }

    [Fact]
    public async Task Serve_role_registry_api_answers_reads_with_the_key_and_is_ready()
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        await using var processes = new RoleProcesses(new Dictionary<string, string>
        {
            ["service.log_level"] = "Information",
            ["service.api_key"] = "serve-key",
            ["redis.host"] = TestServers.RedisHost,
            ["redis.port"] = TestServers.RedisPort.ToString(CultureInfo.InvariantCulture),
            ["metadata_registry.postgres_host"] = _options.PostgresHost,
            ["metadata_registry.postgres_port"] = _options.PostgresPort.ToString(CultureInfo.InvariantCulture),
            ["metadata_registry.postgres_database"] = _options.PostgresDatabase,
            ["metadata_registry.postgres_user"] = _options.PostgresUser,
            ["metadata_registry.postgres_password"] = _options.PostgresPassword,
            ["metadata_registry.redis_key_prefix"] = _options.RedisKeyPrefix,
        }, _ => { });
        var api = processes.Start(ServeCommand.RegistryApi, arguments: ["--urls", url]);
        var started = await Task.WhenAny(api.Ready, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(started == api.Ready, $"serve --role registry-api was not ready within 60 s (exited: {api.HasExited}, code {api.ExitCode})");
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        using var anonymous = await http.GetAsync(new Uri($"/v1/registry/jobs/{_known.Done}", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        http.DefaultRequestHeaders.Add("X-API-Key", "serve-key");
        using var job = await http.GetAsync(new Uri($"/v1/registry/jobs/{_known.Done}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, job.StatusCode);
        var stages = JsonDocument.Parse(await job.Content.ReadAsStringAsync()).RootElement.GetProperty("stages");
        Assert.Equal(["completed", "completed"], stages.EnumerateArray().Select(s => s.GetProperty("status").GetString()));
    }

    private async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var run = await CliRun.InvokeAsync(["--config", _config, .. args]);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    [Fact]
    public async Task A_registry_database_that_does_not_exist_is_exit_1_naming_it_and_is_not_created()
    {
        var missing = OnThisServer(UniqueNames.Identifier("no_registry"));
        var config = await WriteConfigAsync(_options.PostgresPort, "missing.yaml", missing.PostgresDatabase);

        var run = await CliRun.InvokeAsync("--config", config, "registry", "jobs");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"'{missing.PostgresDatabase}' does not exist on PostgreSQL {_options.PostgresHost}:{_options.PostgresPort}", run.Error, StringComparison.Ordinal);
        Assert.False(await PostgresDatabases.ExistsAsync(missing.ToPostgresOptions(), CancellationToken.None), "reading created the database");
    }

    [Fact]
    public async Task A_database_without_the_registry_is_exit_1_saying_so_and_is_left_unchanged()
    {
        var empty = OnThisServer(UniqueNames.Identifier("empty_registry"));
        await PostgresDatabases.EnsureExistsAsync(empty.ToPostgresOptions(), CancellationToken.None);
        try
        {
            var config = await WriteConfigAsync(_options.PostgresPort, "empty.yaml", empty.PostgresDatabase);

            var run = await CliRun.InvokeAsync("--config", config, "registry", "events");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"database '{empty.PostgresDatabase}' on PostgreSQL {_options.PostgresHost}:{_options.PostgresPort} holds no metadata registry", run.Error, StringComparison.Ordinal);
            await using var connection = new NpgsqlConnection(empty.ToPostgresOptions().BuildConnectionString());
            await connection.OpenAsync();
            await using var schema = new NpgsqlCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'registry'", connection);
            Assert.Equal(0L, (long)(await schema.ExecuteScalarAsync())!);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresDatabases.DropIfExistsAsync(empty.ToPostgresOptions(), CancellationToken.None);
        }
    }

    /// <summary>Registry settings for another database on this class's server.</summary>
    private MetadataRegistryOptions OnThisServer(string database) => new()
    {
        PostgresHost = _options.PostgresHost,
        PostgresPort = _options.PostgresPort,
        PostgresUser = _options.PostgresUser,
        PostgresPassword = _options.PostgresPassword,
        PostgresDatabase = database,
    };

    private async Task<string> WriteConfigAsync(int postgresPort, string name, string? database = null)
    {
        var config = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(config, $"""
            redis:
              host: {TestServers.RedisHost}
              port: {TestServers.RedisPort}
            metadata_registry:
              postgres_host: {_options.PostgresHost}
              postgres_port: {postgresPort}
              postgres_database: {database ?? _options.PostgresDatabase}
              postgres_user: {_options.PostgresUser}
              postgres_password: "{_options.PostgresPassword}"
              redis_key_prefix: "{_options.RedisKeyPrefix}"
            """);
        return config;
    }

    private static List<string?> Values(JsonElement root, string list, string property) =>
        [.. root.GetProperty(list).EnumerateArray().Select(e => e.GetProperty(property).GetString())];
}
