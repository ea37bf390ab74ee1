using Storytelling.Cli.Nlp;
using Storytelling.Configuration;
using Storytelling.Nlp.Events.Llm;
using Storytelling.Nlp.Models;

namespace Storytelling.Cli.Tests.Nlp;

public sealed class EventExtractorCompositionTests
{
    [Fact]
    public void Without_an_endpoint_the_event_extractor_is_the_built_in_one()
    {
        var registry = EventExtractorComposition.Registry(Load([]));

        var extractor = registry.Create("event_extractor", new ModelStore());

        Assert.IsNotType<LlmEventExtractor>(extractor);
        Assert.Equal("event_extractor", extractor.Name);
    }

    [Fact]
    public void With_an_endpoint_the_event_extractor_is_the_llm_one_falling_back_to_the_built_in_one()
    {
        var statistics = new LlmExtractorStatistics();
        var settings = Load(new()
        {
            ["LLM_ENDPOINT"] = "http://127.0.0.1:11434/v1/chat/completions",
            ["STORYTELLING__EVENTS__LLM_MODEL"] = "llama3.1:8b",
            ["STORYTELLING__EVENTS__LLM_TIMEOUT_SECONDS"] = "7",
        });

        var extractor = Assert.IsType<LlmEventExtractor>(EventExtractorComposition.Registry(settings, statistics).Create("event_extractor", new ModelStore()));

        Assert.Same(statistics, extractor.Statistics);
        Assert.Equal("event_extractor", extractor.Fallback.Name);
        Assert.IsNotType<LlmEventExtractor>(extractor.Fallback);
        var options = EventExtractorComposition.Options(settings)!;
        Assert.Equal(("llama3.1:8b", TimeSpan.FromSeconds(7)), (options.Model, options.Timeout));
    }

    [Fact]
    public void The_pipeline_from_settings_with_an_unreachable_endpoint_still_gets_the_built_in_events()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var settings = Load(new()
        {
            ["LLM_ENDPOINT"] = $"http://127.0.0.1:{closedPort}/v1/chat/completions",
            ["STORYTELLING__EVENTS__LLM_MODEL"] = "llama3.1:8b",
        });

        var pipeline = NlpComposition.Pipeline(settings, new ModelStore());
        var document = new Storytelling.Nlp.Document("Police arrested two men in Lyon on Tuesday.", "lyon-1") { PublishedAt = new DateTimeOffset(2024, 3, 7, 10, 0, 0, TimeSpan.Zero) };
        pipeline.Process(document);

        Assert.Contains(document.Events, e => e.Trigger == "arrested");
        var extractor = Assert.Single(pipeline.Components.OfType<LlmEventExtractor>());
        Assert.Equal(1, extractor.Statistics.FallbacksFor(LlmFallbackReason.Unreachable));
    }

    [Fact]
    public void An_endpoint_without_a_model_fails_naming_the_model_key()
    {
        var settings = Load(new() { ["STORYTELLING__EVENTS__LLM_ENDPOINT"] = "http://127.0.0.1:11434/v1/chat/completions" });

        var error = Assert.Throws<SettingsException>(() => EventExtractorComposition.Registry(settings));

        Assert.Contains("events.llm_model", error.Message, StringComparison.Ordinal);
    }

    private static Settings Load(Dictionary<string, string> environment) => Settings.Load(new SettingsLoadOptions { Environment = environment });
}
