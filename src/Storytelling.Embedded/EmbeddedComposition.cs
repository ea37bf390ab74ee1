using Microsoft.Extensions.Logging;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Configuration;
using Storytelling.Messaging.InProcess;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Stories;

namespace Storytelling.Embedded;

/// <summary>The composition root of <c>storytelling run</c>: an <see cref="EmbeddedRun"/> from the settings, the models and an NLP pipeline.</summary>
public static class EmbeddedComposition
{
    public static EmbeddedRun Create(Settings settings, ModelStore models, NlpPipeline pipeline, ILoggerFactory loggers, InProcessEventBus bus, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(models);
        var cleaning = settings.Bind<CleaningOptions>(CleaningOptions.SectionName);
        return new EmbeddedRun(
            new ArticleReader(settings.Bind<ArticleInputOptions>(ArticleInputOptions.SectionName)),
            ArticleCleaner.Create(cleaning, models.Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load)),
            cleaning.ToNearDuplicateOptions(),
            pipeline,
            settings.Bind<StoryOptions>(StoryOptions.SectionName),
            settings.Bind<EmbeddedRunOptions>(EmbeddedRunOptions.SectionName),
            bus,
            loggers,
            time ?? TimeProvider.System);
    }

    /// <summary>The components named by <c>nlp.pipeline</c>, in order.</summary>
    public static IReadOnlyList<string> PipelineComponents(Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var names = new List<string>();
        for (var i = 0; settings[$"nlp.pipeline.{i}"] is { } name; i++)
        {
            names.Add(name);
        }

        return names;
    }
}
