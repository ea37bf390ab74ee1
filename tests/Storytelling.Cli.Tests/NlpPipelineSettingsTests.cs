using Storytelling.Configuration;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Cli.Tests;

public sealed class NlpPipelineSettingsTests
{
    [Fact]
    public void The_default_nlp_pipeline_setting_names_registered_components_that_build_a_valid_pipeline()
    {
        var settings = Settings.Load();
        var names = new List<string>();
        for (var i = 0; settings[$"nlp.pipeline.{i}"] is { } name; i++)
        {
            names.Add(name);
        }

        Assert.Contains("time_expressions", names);
        var pipeline = NlpPipeline.Create(names, NlpComponentRegistry.CreateDefault(), new ModelStore());
        var document = new Storytelling.Nlp.Document("The mayor visited the flooded town on Monday.") { PublishedAt = new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero) };
        pipeline.Process(document);

        Assert.NotEmpty(document.TimeExpressions);
        Assert.Equal("2026-11-16", document.TimeExpressions[0].Value);
    }
}
