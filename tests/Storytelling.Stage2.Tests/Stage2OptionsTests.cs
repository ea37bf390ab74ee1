using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.Configuration;
using Storytelling.Messaging;
using Storytelling.Nlp.Pipeline;
using Storytelling.Redis;
using Storytelling.Storage;

namespace Storytelling.Stage2.Tests;

/// <summary>Stage 2's settings fail the start with the key and what is allowed (no server needed: checked before connecting).</summary>
public sealed class Stage2OptionsTests
{
    [Fact]
    public void An_unknown_storage_backend_names_the_key_and_the_allowed_backends()
    {
        var error = Assert.Throws<SettingsException>(() => Bind(new() { ["STORYTELLING__STAGE2__STORAGE_BACKENDS__0"] = "postgresql", ["STORYTELLING__STAGE2__STORAGE_BACKENDS__1"] = "mongodb" }));

        Assert.Contains("stage2.storage_backends", error.Message, StringComparison.Ordinal);
        Assert.Contains("'mongodb'", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: postgresql, jsonl, elasticsearch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_backends_without_postgresql_are_refused()
    {
        var problems = Problems(new Stage2Options { StorageBackends = ["jsonl"] });

        Assert.Contains(problems, p => p.Contains("must include postgresql", StringComparison.Ordinal));
    }

    [Fact]
    public void Elasticsearch_needs_an_http_url_and_a_lowercase_index_prefix()
    {
        var problems = Problems(new Stage2Options { StorageBackends = ["postgresql", "elasticsearch"], ElasticsearchUrl = "localhost:9200", ElasticsearchIndexPrefix = "News" });

        Assert.Contains(problems, p => p.StartsWith("stage2.elasticsearch_url 'localhost:9200'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("stage2.elasticsearch_index_prefix 'News'", StringComparison.Ordinal));
        Assert.Empty(Problems(new Stage2Options { StorageBackends = ["postgresql", "elasticsearch"], ElasticsearchUrl = "https://es.example:9200/" }));
    }

    [Fact]
    public void An_unknown_input_source_is_refused_and_jsonl_is_allowed()
    {
        Assert.Contains(Problems(new Stage2Options { InputSource = "s3" }), p => p.StartsWith("stage2.input_source 's3'", StringComparison.Ordinal));
        Assert.Empty(Problems(new Stage2Options { InputSource = "jsonl" }));
    }

    [Fact]
    public async Task Reading_stage1_jsonl_without_batch_mode_fails_the_start_naming_both_keys()
    {
        var settings = new Stage2Settings(
            new RedisOptions(), new PostgresOptions(), new RedisOptions(), new PostgresOptions(), new Stage2Options { InputSource = "jsonl" },
            new ConsumerOptions { BatchMode = false }, new Lazy<NlpPipeline>(() => throw new InvalidOperationException("not needed")));

        var error = await Assert.ThrowsAsync<ValidationException>(() => Stage2Runtime.StartAsync(settings, NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Contains("stage2.input_source jsonl needs event_consumer.batch_mode true", error.Message, StringComparison.Ordinal);
    }

    private static Stage2Options Bind(Dictionary<string, string> environment) =>
        Settings.Load(new SettingsLoadOptions { Environment = environment }).Bind<Stage2Options>(Stage2Options.SectionName);

    private static List<string> Problems(Stage2Options options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
