using System.ComponentModel.DataAnnotations;

namespace Storytelling.Configuration.Tests;

public sealed class SettingsReferenceTests
{
    public enum Primary
    {
        Postgresql,
        Redis,
    }

    public sealed class ConsumerSample
    {
        [Range(1, 99)]
        public int BatchSize { get; set; } = 7;

        [Required]
        public string SourceStream { get; set; } = "stage1:cleaning:events";

        public IReadOnlyList<string> ConsumeEvents { get; set; } = [];

        public int NotASetting { get; set; }
    }

    public sealed class RegistrySample
    {
        public Primary PrimaryBackend { get; set; }

        [Range(1, long.MaxValue)]
        public long BatchSize { get; set; } = 500;
    }

    private static readonly OptionsSection[] Sections =
    [
        new("event_consumer", typeof(ConsumerSample)),
        new("metadata_registry", typeof(RegistrySample)),
    ];

    private static string RowOf(string markdown, string key) =>
        markdown.Split('\n').SingleOrDefault(line => line.StartsWith($"| `{key}`", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no row for {key} in:\n{markdown}");

    [Fact]
    public void A_row_shows_type_class_default_file_default_range_reader_and_the_files_comment()
    {
        var markdown = SettingsReference.Render(Sections, []);

        Assert.Equal(
            "| `event_consumer.batch_size` | whole number | `7`; settings.yaml: `10` | 1 – 99 | `ConsumerSample` | entries read per XREADGROUP |",
            RowOf(markdown, "event_consumer.batch_size"));
        Assert.Contains("| text | `stage1:cleaning:events` | required | `ConsumerSample` |", RowOf(markdown, "event_consumer.source_stream"), StringComparison.Ordinal);
        Assert.Contains(
            "| list of text | `[]`; settings.yaml: `[com.storytelling.cleaning.job.completed, com.storytelling.cleaning.document.cleaned]` |",
            RowOf(markdown, "event_consumer.consume_events"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Enums_list_their_values_unbounded_ranges_read_at_least_and_seed_environment_names_are_shown()
    {
        var markdown = SettingsReference.Render(Sections, []);

        Assert.StartsWith(
            "| `metadata_registry.primary_backend`<br>env `METADATA_PRIMARY_BACKEND` | one of | `postgresql` | postgresql, redis |",
            RowOf(markdown, "metadata_registry.primary_backend"),
            StringComparison.Ordinal);
        Assert.Contains("| ≥ 1 |", RowOf(markdown, "metadata_registry.batch_size"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_no_class_binds_shows_its_reader_or_nothing()
    {
        var markdown = SettingsReference.Render(Sections, [new KeyReader("redis.host", "the Redis client")]);

        Assert.Equal(
            "| `redis.host`<br>env `REDIS_HOST` | text | `127.0.0.1` |  | the Redis client | the Redis server (host name or IP address) |",
            RowOf(markdown, "redis.host"));
        Assert.Contains("| nothing |", RowOf(markdown, "redis.port"), StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_read_by_nothing_are_those_neither_bound_nor_listed()
    {
        var unread = SettingsReference.KeysReadByNothing(Sections, [new KeyReader("redis.host", "the Redis client")]);

        Assert.Contains("redis.port", unread);
        Assert.Contains("event_consumer.max_retries", unread);
        Assert.DoesNotContain("redis.host", unread);
        Assert.DoesNotContain("event_consumer.batch_size", unread);
    }

    [Fact]
    public void Properties_without_a_key_in_the_settings_file_are_named_with_the_key_they_would_need()
    {
        Assert.Equal(["ConsumerSample.NotASetting (event_consumer.not_a_setting)"], SettingsReference.PropertiesWithoutKey(Sections));
    }
}
