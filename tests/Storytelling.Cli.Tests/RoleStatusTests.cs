using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tokenization;

namespace Storytelling.Cli.Tests;

public sealed class RoleStatusTests
{
    [Fact]
    public async Task The_models_check_is_unhealthy_while_the_pipeline_loads_and_lists_its_components_once_loaded()
    {
        var pipeline = new Lazy<NlpPipeline>(() => new NlpPipeline([new Tokenizer()]));
        var check = RoleStatus.ModelsCheck(pipeline);

        var loading = await check.Probe(CancellationToken.None);
        Assert.Equal((false, "the NLP models (nlp.pipeline) are still loading"), (loading.IsHealthy, loading.Error));

        _ = pipeline.Value;
        var loaded = await check.Probe(CancellationToken.None);
        Assert.True(loaded.IsHealthy);
        Assert.Equal(Tokenizer.ComponentName, (string?)loaded.Details!["components"]![0]);
    }
}
