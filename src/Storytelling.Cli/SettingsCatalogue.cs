using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Configuration;
using Storytelling.Embedded;
using Storytelling.Messaging;
using Storytelling.Metadata;
using Storytelling.Nlp.Events.Llm;
using Storytelling.Redis;
using Storytelling.Stage1;
using Storytelling.Stage1.Api;
using Storytelling.Stage2;
using Storytelling.Stage2.Api;
using Storytelling.Storage;
using Storytelling.Stories;

namespace Storytelling.Cli;

/// <summary>
/// What reads each setting: the options classes the commands bind and the section each is bound from, and the keys
/// read one by one without a class. <c>storytelling config reference</c> renders docs/configuration-reference.md
/// from it; a test checks that every key of config/settings.yaml is read by something listed here.
/// </summary>
public static class SettingsCatalogue
{
    public static IReadOnlyList<OptionsSection> Sections { get; } =
    [
        new(RedisOptions.SectionName, typeof(RedisOptions)),
        new(PostgresOptions.SectionName, typeof(PostgresOptions)),
        new(ArticleInputOptions.SectionName, typeof(ArticleInputOptions)),
        new(CleaningOptions.SectionName, typeof(CleaningOptions)),
        new(Stage1Options.SectionName, typeof(Stage1Options)),
        new(Stage1ApiOptions.SectionName, typeof(Stage1ApiOptions)),
        new(Stage1Options.SectionName + ".backpressure", typeof(BackpressureOptions)),
        new(ConsumerOptions.SectionName, typeof(ConsumerOptions)),
        new(Stage2Options.SectionName, typeof(Stage2Options)),
        new(Stage2ApiOptions.SectionName, typeof(Stage2ApiOptions)),
        new(StoryOptions.SectionName, typeof(StoryOptions)),
        new(MetadataRegistryOptions.SectionName, typeof(MetadataRegistryOptions)),
        new(EmbeddedRunOptions.SectionName, typeof(EmbeddedRunOptions)),
    ];

    public static IReadOnlyList<KeyReader> KeyReaders { get; } =
    [
        new("service.name", "`serve` (every role): the `service` label of `storytelling_service_info` and the `serve_started` log line"),
        new("service.environment", "`serve` (every role): the `environment` label of `storytelling_service_info` and the `serve_started` log line"),
        new("service.host_name", "the worker roles' consumer names (`<host_name>-<pid>`)"),
        new("service.api_key", "`serve --role stage1-api` and `nlp-api` (header `X-API-Key` on `/v1`)"),
        new("service.log_format", "every long-running command (`CliLogging`)"),
        new("service.log_level", "every long-running command (`CliLogging`)"),
        new("nlp.models_dir", "every command that loads models (`CliContext.ModelsDirectory`; a `--models` option wins)"),
        new("nlp.pipeline", "every NLP pipeline (`EmbeddedComposition.PipelineComponents`)"),
        new(LlmExtractorOptions.EndpointKey, "`LlmExtractorOptions` (`EventExtractorComposition`)"),
        new(LlmExtractorOptions.ModelKey, "`LlmExtractorOptions` (`EventExtractorComposition`)"),
        new(LlmExtractorOptions.ApiKeyKey, "`LlmExtractorOptions` (`EventExtractorComposition`)"),
        new(LlmExtractorOptions.TimeoutKey, "`LlmExtractorOptions` (`EventExtractorComposition`)"),
    ];
}
