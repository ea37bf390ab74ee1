using System.Text.Json;

namespace Storytelling.Cli.Tests.Commands;

public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Show_prints_every_setting_with_its_source()
    {
        var file = Path.Combine(_directory, "settings.yaml");
        await File.WriteAllTextAsync(file, "event_consumer:\n  batch_size: 25\nredis:\n  password: s3cret\n");

        var run = await CliRun.InvokeAsync("config", "show", "--config", file);

        Assert.Equal(0, run.ExitCode);
        var batch = run.Output.Split('\n').Single(line => line.StartsWith("event_consumer.batch_size ", StringComparison.Ordinal));
        Assert.Contains("25", batch);
        Assert.Contains("file " + file, batch);
        Assert.Contains("default (config/settings.yaml)", run.Output);
        Assert.DoesNotContain("s3cret", run.Output);
        Assert.Contains("********", run.Output);
    }

    [Fact]
    public async Task Show_json_is_a_list_of_key_value_source_with_secrets_masked()
    {
        var file = Path.Combine(_directory, "settings.yaml");
        await File.WriteAllTextAsync(file, "metadata_registry:\n  postgres_password: pw\n");

        var run = await CliRun.InvokeAsync("config", "show", "--json", "--config", file);

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var settings = document.RootElement.GetProperty("settings").EnumerateArray().ToList();
        var password = settings.Single(s => s.GetProperty("key").GetString() == "metadata_registry.postgres_password");
        Assert.Equal("********", password.GetProperty("value").GetString());
        Assert.Equal("file", password.GetProperty("source").GetString());
        Assert.True(password.GetProperty("secret").GetBoolean());
        var group = settings.Single(s => s.GetProperty("key").GetString() == "event_consumer.consumer_group");
        Assert.Equal("stage2-nlp-processor", group.GetProperty("value").GetString());
        Assert.Equal("default", group.GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_bad_setting_exits_2_naming_the_key()
    {
        var file = Path.Combine(_directory, "settings.yaml");
        await File.WriteAllTextAsync(file, "redis:\n  port: sixty\n");

        var run = await CliRun.InvokeAsync("config", "show", "--config", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("setting 'redis.port' = 'sixty'", run.Error);
        Assert.Contains("expected a whole number", run.Error);
    }

    [Fact]
    public async Task An_unknown_command_exits_2()
    {
        var run = await CliRun.InvokeAsync("config", "shw");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("shw", run.Error);
    }
}
