namespace Storytelling.Configuration.Tests;

public sealed class SettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("settings-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Settings Load(Dictionary<string, string>? environment = null, string? file = null) =>
        Settings.Load(new SettingsLoadOptions { Environment = environment ?? [], SettingsFile = file, MachineName = "box-1" });

    private string WriteFile(string yaml)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Defaults_hold_the_seed_event_consumer_settings()
    {
        var settings = Load();

        Assert.Equal("stage1:cleaning:events", settings["event_consumer.source_stream"]);
        Assert.Equal("stage2-nlp-processor", settings["event_consumer.consumer_group"]);
        Assert.Equal("stage2:nlp:failed-events", settings["event_consumer.dead_letter_stream"]);
        Assert.Equal("10", settings["event_consumer.batch_size"]);
        Assert.Equal("com.storytelling.cleaning.job.completed", settings["event_consumer.consume_events.0"]);
        Assert.Equal(SettingSourceKind.Default, settings.Find("event_consumer.max_retries")!.Source.Kind);
        foreach (var key in new[] { "enabled", "auto_process", "batch_mode", "poll_interval_ms", "concurrent_tasks", "retry_failed",
            "retry_delay_seconds", "check_already_processed", "deduplication_ttl_hours", "process_backlog", "backlog_batch_size", "backlog_max_age_hours" })
        {
            Assert.NotNull(settings.Find("event_consumer." + key));
        }
    }

    [Fact]
    public void Hostname_placeholder_expands_from_the_environment_and_falls_back_to_the_machine_name()
    {
        Assert.Equal("box-1", Load()["event_consumer.consumer_name"]);
        Assert.Equal("worker-7", Load(new() { ["HOSTNAME"] = "worker-7" })["event_consumer.consumer_name"]);
        Assert.Equal("storytelling-worker-7", Load(new() { ["HOSTNAME"] = "worker-7" })["redis.client_name"]);
    }

    [Fact]
    public void File_overrides_defaults_seed_names_override_the_file_and_prefixed_names_override_both()
    {
        var file = WriteFile("event_consumer:\n  batch_size: 20\n  max_retries: 7\n  auto_process: true\n");

        var fileOnly = Load(file: file);
        Assert.Equal("20", fileOnly["event_consumer.batch_size"]);
        Assert.Equal(SettingSourceKind.File, fileOnly.Find("event_consumer.batch_size")!.Source.Kind);
        Assert.Equal("3", Load()["event_consumer.max_retries"]);

        var seed = Load(new() { ["AUTO_PROCESS"] = "false" }, file);
        Assert.Equal("false", seed["event_consumer.auto_process"]);
        Assert.Equal("env AUTO_PROCESS", seed.Find("event_consumer.auto_process")!.Source.ToString());

        var both = Load(new() { ["AUTO_PROCESS"] = "false", ["STORYTELLING__EVENT_CONSUMER__AUTO_PROCESS"] = "true", ["STORYTELLING__EVENT_CONSUMER__MAX_RETRIES"] = "9" }, file);
        Assert.Equal("true", both["event_consumer.auto_process"]);
        Assert.Equal("9", both["event_consumer.max_retries"]);
        Assert.Equal("env STORYTELLING__EVENT_CONSUMER__MAX_RETRIES", both.Find("event_consumer.max_retries")!.Source.ToString());
    }

    [Fact]
    public void Settings_file_can_come_from_STORYTELLING_CONFIG()
    {
        var file = WriteFile("redis:\n  port: 6400\n");

        Assert.Equal("6400", Load(new() { ["STORYTELLING_CONFIG"] = file })["redis.port"]);
    }

    [Fact]
    public void One_seed_name_sets_every_key_it_stands_for()
    {
        var settings = Load(new() { ["STAGE1_EVENT_STREAM"] = "s1:events", ["POSTGRES_HOST"] = "db.internal" });

        Assert.Equal("s1:events", settings["event_consumer.source_stream"]);
        Assert.Equal("s1:events", settings["stage1.event_stream"]);
        Assert.Equal("db.internal", settings["postgres.host"]);
        Assert.Equal("db.internal", settings["metadata_registry.postgres_host"]);
    }

    [Fact]
    public void A_list_given_in_one_environment_value_is_split_on_commas_and_replaces_the_default_list()
    {
        var settings = Load(new() { ["STORYTELLING__EVENT_CONSUMER__CONSUME_EVENTS"] = "a.b, c.d" });

        Assert.Equal("a.b", settings["event_consumer.consume_events.0"]);
        Assert.Equal("c.d", settings["event_consumer.consume_events.1"]);
        Assert.Null(settings.Find("event_consumer.consume_events.2"));
    }

    [Fact]
    public void A_list_in_a_file_replaces_the_default_list_whole()
    {
        var settings = Load(file: WriteFile("nlp:\n  pipeline: [tokenizer]\n"));

        Assert.Equal("tokenizer", settings["nlp.pipeline.0"]);
        Assert.Null(settings.Find("nlp.pipeline.1"));
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_rejected_naming_key_value_source_and_what_is_allowed()
    {
        var error = Assert.Throws<SettingsException>(() => Load(new() { ["EVENT_CONSUMER_ENABLED"] = "maybe", ["STORYTELLING__EVENT_CONSUMER__BATCH_SIZE"] = "ten" }));

        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("setting 'event_consumer.enabled' = 'maybe' (from env EVENT_CONSUMER_ENABLED): expected true or false", error.Message);
        Assert.Contains("setting 'event_consumer.batch_size' = 'ten' (from env STORYTELLING__EVENT_CONSUMER__BATCH_SIZE): expected a whole number", error.Message);
    }

    [Fact]
    public void An_unknown_key_is_rejected_with_the_nearest_known_key()
    {
        var file = WriteFile("event_consumer:\n  batchsize: 5\n");

        var error = Assert.Throws<SettingsException>(() => Load(file: file));

        var only = Assert.Single(error.Errors);
        Assert.Equal("event_consumer.batchsize", only.Key);
        Assert.Contains("did you mean 'event_consumer.batch_size'?", only.Problem);
    }

    [Fact]
    public void An_unknown_prefixed_environment_key_is_rejected()
    {
        var error = Assert.Throws<SettingsException>(() => Load(new() { ["STORYTELLING__REDIS__HOSTNAME"] = "x" }));

        Assert.Equal("redis.hostname", Assert.Single(error.Errors).Key);
    }

    [Fact]
    public void An_unset_placeholder_without_fallback_is_an_error_naming_file_and_line()
    {
        var file = WriteFile("redis:\n  host: ${REDIS_SERVER}\n");

        var error = Assert.Throws<SettingsException>(() => Load(file: file));

        Assert.Contains("${REDIS_SERVER}", error.Message);
        Assert.Contains("line 2", error.Message);
        Assert.Equal("fallback.local", Load(file: WriteFile("redis:\n  host: ${REDIS_SERVER:-fallback.local}\n"))["redis.host"]);
    }

    [Fact]
    public void Invalid_yaml_names_the_file_and_line()
    {
        var file = WriteFile("redis:\n  host: [unclosed\n");

        var error = Assert.Throws<SettingsException>(() => Load(file: file));

        Assert.Contains(file, error.Message);
        Assert.Contains("line", error.Message);
    }

    [Fact]
    public void A_missing_settings_file_is_an_error_naming_it()
    {
        var error = Assert.Throws<SettingsException>(() => Load(file: "/nonexistent/settings.yaml"));

        Assert.Contains("/nonexistent/settings.yaml", error.Message);
    }

    [Fact]
    public void Secrets_are_masked_for_display_and_empty_secrets_stay_empty()
    {
        var settings = Load(new() { ["REDIS_PASSWORD"] = "hunter2" });

        Assert.Equal("hunter2", settings["redis.password"]);
        Assert.Equal("********", settings.Find("redis.password")!.DisplayValue);
        Assert.Equal("", settings.Find("postgres.password")!.DisplayValue);
        Assert.Equal("127.0.0.1", settings.Find("redis.host")!.DisplayValue);
    }

    [Fact]
    public void Configuration_view_exposes_colon_keys_for_options_binding()
    {
        var configuration = Load(new() { ["REDIS_PORT"] = "6390" }).ToConfiguration();

        Assert.Equal("6390", configuration["redis:port"]);
        Assert.Equal("tokenizer", configuration["nlp:pipeline:0"]);
    }
}
