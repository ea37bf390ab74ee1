using Storytelling.Nlp.Events.Llm;

namespace Storytelling.Nlp.Tests.Events.Llm;

public sealed class LlmExtractorOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_endpoint_means_the_built_in_extractor_alone(string? endpoint) =>
        Assert.Null(LlmExtractorOptions.FromSettings(endpoint, "", "", "20"));

    [Fact]
    public void Settings_values_become_options()
    {
        var options = LlmExtractorOptions.FromSettings(" http://localhost:11434/v1/chat/completions ", "llama3.1:8b", "", "20")!;

        Assert.Equal(new Uri("http://localhost:11434/v1/chat/completions"), options.Endpoint);
        Assert.Equal(("llama3.1:8b", null, TimeSpan.FromSeconds(20)), (options.Model, options.ApiKey, options.Timeout));
    }

    [Theory]
    [InlineData("localhost:11434/v1", "m", "20", "events.llm_endpoint")]
    [InlineData("ftp://example.org/chat", "m", "20", "events.llm_endpoint")]
    [InlineData("http://localhost:11434/v1/chat/completions", "", "20", "events.llm_model")]
    [InlineData("http://localhost:11434/v1/chat/completions", "m", "twenty", "events.llm_timeout_seconds")]
    [InlineData("http://localhost:11434/v1/chat/completions", "m", "0", "events.llm_timeout_seconds")]
    [InlineData("http://localhost:11434/v1/chat/completions", "m", "3600", "events.llm_timeout_seconds")]
    public void A_bad_setting_is_refused_with_a_message_naming_its_key(string endpoint, string model, string timeout, string key)
    {
        var error = Assert.Throws<ArgumentException>(() => LlmExtractorOptions.FromSettings(endpoint, model, null, timeout));

        Assert.StartsWith(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_api_key_is_never_printed()
    {
        var options = new LlmExtractorOptions(new Uri("http://localhost:8000/v1/chat/completions"), "m", "sk-secret-value", TimeSpan.FromSeconds(5));

        Assert.DoesNotContain("sk-secret-value", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("localhost:8000", options.ToString(), StringComparison.Ordinal);
    }
}
