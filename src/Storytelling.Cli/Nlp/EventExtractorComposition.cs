using Storytelling.Configuration;
using Storytelling.Nlp.Events.Llm;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Cli.Nlp;

/// <summary>
/// Which <c>event_extractor</c> the NLP pipeline runs: the built-in one, or, when <c>events.llm_endpoint</c> is set, the
/// LLM extractor with the built-in one as its fallback (docs/events.md, "LLM extractor").
/// </summary>
public static class EventExtractorComposition
{
    /// <summary>
    /// <see cref="NlpComponentRegistry.CreateDefault"/> with <c>event_extractor</c> replaced by the LLM extractor when it
    /// is configured. Every LLM extractor the registry creates counts into <paramref name="statistics"/> when given.
    /// </summary>
    public static NlpComponentRegistry Registry(Settings settings, LlmExtractorStatistics? statistics = null)
    {
        var registry = NlpComponentRegistry.CreateDefault();
        if (Options(settings) is not { } options)
        {
            return registry;
        }

        const string name = LlmEventExtractor.ComponentName;
        if (!registry.Contains(name))
        {
            throw new SettingsException($"{LlmExtractorOptions.EndpointKey} is set, but there is no built-in '{name}' component for the LLM extractor to fall back to.");
        }

        var builtIns = NlpComponentRegistry.CreateDefault();
        var counts = statistics ?? new LlmExtractorStatistics();
        return registry.Register(name, models => new LlmEventExtractor(options, builtIns.Create(name, models), counts));
    }

    /// <summary>The LLM extractor's options from <c>events.llm_*</c>; null when no endpoint is set; a bad value throws <see cref="SettingsException"/> naming its key.</summary>
    public static LlmExtractorOptions? Options(Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return LlmExtractorOptions.FromSettings(
                settings[LlmExtractorOptions.EndpointKey], settings[LlmExtractorOptions.ModelKey], settings[LlmExtractorOptions.ApiKeyKey], settings[LlmExtractorOptions.TimeoutKey]);
        }
        catch (ArgumentException e)
        {
            throw new SettingsException(e.Message, e);
        }
    }
}
