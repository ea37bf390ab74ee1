using System.Globalization;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;
using Storytelling.Redis;
using Storytelling.Stage1;
using Storytelling.Storage;

namespace Storytelling.Cli;

/// <summary>Stage 1's settings from the CLI's settings: Redis on <c>stage1.redis_db</c>, PostgreSQL database <c>stage1.postgres_database</c>.</summary>
public static class Stage1Composition
{
    public static Stage1Settings Settings(CliContext context, string? modelsDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var stage1 = settings.Bind<Stage1Options>(Stage1Options.SectionName);
        var redis = settings.Bind<RedisOptions>(RedisOptions.SectionName);
        redis.Db = stage1.RedisDb;
        var postgres = settings.Bind<PostgresOptions>(PostgresOptions.SectionName);
        postgres.Database = stage1.PostgresDatabase;
        if (!string.IsNullOrEmpty(stage1.PostgresPassword))
        {
            postgres.Password = stage1.PostgresPassword;
        }

        var models = new ModelStore(modelsDirectory);
        return new Stage1Settings(
            redis, postgres, stage1, settings.Bind<CleaningOptions>(CleaningOptions.SectionName),
            settings.Bind<ArticleInputOptions>(ArticleInputOptions.SectionName),
            models.Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load));
    }

    /// <summary>The consumer name of this process: <c>service.host_name</c> and the process id, unique per process on a machine.</summary>
    public static string ConsumerName(CliContext context) =>
        string.Create(CultureInfo.InvariantCulture, $"{context.Settings["service.host_name"] ?? Environment.MachineName}-{Environment.ProcessId}");
}
