using Storytelling.Messaging;
using Storytelling.Metadata;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Redis;
using Storytelling.Stage2;
using Storytelling.Storage;
using Storytelling.Stories;

namespace Storytelling.Cli;

/// <summary>
/// Stage 2's settings from the CLI's settings: Stage 1's Redis and PostgreSQL as Stage 1 uses them, Stage 2's Redis on
/// <c>stage2.redis_db</c> and PostgreSQL database <c>stage2.postgres_database</c>, section <c>event_consumer</c>, and
/// the NLP pipeline of <c>nlp.pipeline</c>, the story engine's section <c>events</c> and the registry's <c>metadata_registry</c>.
/// </summary>
public static class Stage2Composition
{
    public static Stage2Settings Settings(CliContext context, string? modelsDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var stage2 = settings.Bind<Stage2Options>(Stage2Options.SectionName);
        var redis = settings.Bind<RedisOptions>(RedisOptions.SectionName);
        redis.Db = stage2.RedisDb;
        var postgres = settings.Bind<PostgresOptions>(PostgresOptions.SectionName);
        postgres.Database = stage2.PostgresDatabase;
        if (!string.IsNullOrEmpty(stage2.PostgresPassword))
        {
            postgres.Password = stage2.PostgresPassword;
        }

        var consumer = settings.Bind<ConsumerOptions>(ConsumerOptions.SectionName);
        if (stage2.ProblemsWith(consumer.BatchMode).FirstOrDefault() is { } problem)
        {
            throw new Configuration.SettingsException(problem);
        }

        var models = context.ModelsDirectory(modelsDirectory);
        return new Stage2Settings(
            Stage1Composition.Redis(context), Stage1Composition.Postgres(context), redis, postgres, stage2, consumer,
            new Lazy<NlpPipeline>(() => NlpComposition.Pipeline(settings, new ModelStore(models))))
        {
            Stories = settings.Bind<StoryOptions>(StoryOptions.SectionName),
            Metadata = settings.Bind<MetadataRegistryOptions>(MetadataRegistryOptions.SectionName),
        };
    }
}
