using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tokenization;

namespace Storytelling.Nlp.Tests.Pipeline;

public sealed class NlpPipelineTests
{
    private sealed class Failing : INlpComponent
    {
        public string Name => "failing";

        public Annotations Requires => Annotations.Tokens;

        public Annotations Produces => Annotations.None;

        public void Process(Document document, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void A_requirement_no_earlier_component_produces_fails_at_start_naming_both()
    {
        var registry = NlpComponentRegistry.CreateDefault();
        var error = Assert.Throws<PipelineConfigurationException>(() =>
            NlpPipeline.Create(["sentences", "tokenizer"], registry, new ModelStore(TestData.ModelsDirectory())));
        Assert.Contains("'sentences' requires Tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_component_name_fails_at_start_listing_the_known_ones()
    {
        var error = Assert.Throws<PipelineConfigurationException>(() =>
            NlpPipeline.Create(["tokenizer", "magic"], NlpComponentRegistry.CreateDefault(), new ModelStore(TestData.ModelsDirectory())));
        Assert.Contains("'magic'", error.Message, StringComparison.Ordinal);
        Assert.Contains("tokenizer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_component_is_reported_with_its_name_and_the_document_id()
    {
        var pipeline = new NlpPipeline([new Tokenizer(), new Failing()]);
        var error = Assert.Throws<ComponentFailedException>(() => pipeline.Process(new Document("Hello.", "doc-7")));
        Assert.Equal(("failing", "doc-7"), (error.Component, error.DocumentId));
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void The_default_pipeline_from_names_annotates_text_and_times_each_component()
    {
        var pipeline = NlpPipeline.Create(["tokenizer", "sentences", "tagger", "lemmatizer"], NlpComponentRegistry.CreateDefault(), new ModelStore(TestData.ModelsDirectory()));
        var document = new Document("The mayor visited the shelters on Monday. She didn't sleep.", "doc-1");
        var timings = pipeline.Process(document);
        Assert.Equal(["tokenizer", "sentences", "tagger", "lemmatizer"], timings.Select(t => t.Component));
        Assert.Equal(2, document.Sentences.Length);
        Assert.Equal("visit", document.Lemmas[2]);
        Assert.Equal(Annotations.Tokens | Annotations.Sentences | Annotations.Tags | Annotations.Lemmas, document.Annotations);
    }
}
