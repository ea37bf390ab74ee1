using System.Globalization;
using System.Text;

namespace Storytelling.Nlp.Events.Llm;

/// <summary>
/// Where and how the LLM event extractor asks for events: the chat-completions URL (<c>events.llm_endpoint</c>), the model
/// name the server knows (<c>events.llm_model</c>), an optional bearer key (<c>events.llm_api_key</c>) and how long one
/// request may take before the built-in extractor runs instead (<c>events.llm_timeout_seconds</c>).
/// </summary>
public sealed record LlmExtractorOptions(Uri Endpoint, string Model, string? ApiKey, TimeSpan Timeout)
{
    public const string EndpointKey = "events.llm_endpoint";
    public const string ModelKey = "events.llm_model";
    public const string ApiKeyKey = "events.llm_api_key";
    public const string TimeoutKey = "events.llm_timeout_seconds";

    /// <summary>The longest allowed request timeout: a document should never hold a worker longer than this.</summary>
    public static readonly TimeSpan MaximumTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The options from the settings' text values, or null when <paramref name="endpoint"/> is empty (the built-in
    /// extractor alone). Throws <see cref="ArgumentException"/> whose message names the settings key and what is allowed.
    /// </summary>
    public static LlmExtractorOptions? FromSettings(string? endpoint, string? model, string? apiKey, string? timeoutSeconds)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri))
        {
            throw new ArgumentException(
                $"{EndpointKey}: '{endpoint}' is not an absolute URL; give the full chat-completions URL, e.g. http://localhost:11434/v1/chat/completions, or leave it empty for the built-in extractor alone.",
                nameof(endpoint));
        }

        if (!int.TryParse(timeoutSeconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new ArgumentException(
                $"{TimeoutKey}: '{timeoutSeconds}' is not a whole number of seconds; allowed: 1 to {MaximumTimeout.TotalSeconds:0}.",
                nameof(timeoutSeconds));
        }

        var options = new LlmExtractorOptions(uri, model?.Trim() ?? string.Empty, string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim(), TimeSpan.FromSeconds(seconds));
        options.Validate();
        return options;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the settings key of the first unusable value.</summary>
    public void Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"{EndpointKey}: '{Endpoint}' is not an absolute http or https URL of an OpenAI-compatible chat-completions endpoint (e.g. http://localhost:11434/v1/chat/completions).",
                nameof(Endpoint));
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException(
                $"{ModelKey} is empty while {EndpointKey} is set; name the model the endpoint serves (e.g. an Ollama model tag).",
                nameof(Model));
        }

        if (ApiKey is not null && (ApiKey.Length == 0 || ApiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            throw new ArgumentException($"{ApiKeyKey} contains white space or control characters; it is sent as 'Authorization: Bearer <key>'.", nameof(ApiKey));
        }

        if (Timeout <= TimeSpan.Zero || Timeout > MaximumTimeout)
        {
            throw new ArgumentException(
                $"{TimeoutKey}: {Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds is out of range; allowed: 1 to {MaximumTimeout.TotalSeconds:0}.",
                nameof(Timeout));
        }
    }

    /// <summary>Never prints the API key.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Endpoint = {Endpoint}, Model = {Model}, ApiKey = {(ApiKey is null ? "(none)" : "********")}, Timeout = {Timeout}");
        return true;
    }
}
