using Storytelling.Cli.Nlp;
using Storytelling.Configuration;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Cli;

/// <summary>The NLP pipeline named by <c>nlp.pipeline</c> (component names of <see cref="NlpComponentRegistry"/>), with models from <c>--models</c> or the discovered <c>models/</c>; <c>event_extractor</c> is the LLM one when <c>events.llm_endpoint</c> is set.</summary>
public static class NlpComposition
{
    public static NlpPipeline Pipeline(Settings settings, ModelStore models, NlpComponentRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var names = Embedded.EmbeddedComposition.PipelineComponents(settings);
        if (names.Count == 0)
        {
            throw new SettingsException("nlp.pipeline is empty; it must name the components to run, starting with tokenizer and sentences");
        }

        try
        {
            return NlpPipeline.Create(names, registry ?? EventExtractorComposition.Registry(settings), models);
        }
        catch (PipelineConfigurationException e)
        {
            throw new SettingsException(e.Message);
        }
    }
}
