using System.Globalization;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Messaging;
using Storytelling.Metadata;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;
using Storytelling.Redis;
using Storytelling.Stage1;
using Storytelling.Storage;

namespace Storytelling.Cli;

/// <summary>Stage 1's settings from the CLI's settings: Redis on <c>stage1.redis_db</c>, PostgreSQL database <c>stage1.postgres_database</c>, the registry's section <c>metadata_registry</c>.</summary>
public static class Stage1Composition
{
    public static Stage1Settings Settings(CliContext context, string? modelsDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var models = new ModelStore(context.ModelsDirectory(modelsDirectory));
        return new Stage1Settings(
            Redis(context), Postgres(context), settings.Bind<Stage1Options>(Stage1Options.SectionName),
            settings.Bind<CleaningOptions>(CleaningOptions.SectionName), settings.Bind<ArticleInputOptions>(ArticleInputOptions.SectionName),
            models.Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load))
        {
            Backpressure = settings.Bind<BackpressureOptions>(Stage1Options.SectionName + ".backpressure"),
            Metadata = settings.Bind<MetadataRegistryOptions>(MetadataRegistryOptions.SectionName),
        };
    }

    /// <summary>Stage 1's Redis: <c>redis</c> on database <c>stage1.redis_db</c>.</summary>
    public static RedisOptions Redis(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var redis = context.Settings.Bind<RedisOptions>(RedisOptions.SectionName);
        redis.Db = context.Settings.Bind<Stage1Options>(Stage1Options.SectionName).RedisDb;
        return redis;
    }

    /// <summary>Stage 1's PostgreSQL: <c>postgres</c> on database <c>stage1.postgres_database</c> (password <c>stage1.postgres_password</c> when set).</summary>
    public static PostgresOptions Postgres(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stage1 = context.Settings.Bind<Stage1Options>(Stage1Options.SectionName);
        var postgres = context.Settings.Bind<PostgresOptions>(PostgresOptions.SectionName);
        postgres.Database = stage1.PostgresDatabase;
        if (!string.IsNullOrEmpty(stage1.PostgresPassword))
        {
            postgres.Password = stage1.PostgresPassword;
        }

        return postgres;
    }

    /// <summary>The consumer name of this process: <c>service.host_name</c> and the process id, unique per process on a machine.</summary>
    public static string ConsumerName(CliContext context) =>
        string.Create(CultureInfo.InvariantCulture, $"{context.Settings["service.host_name"] ?? Environment.MachineName}-{Environment.ProcessId}");
}
