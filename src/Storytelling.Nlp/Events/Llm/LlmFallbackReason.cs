namespace Storytelling.Nlp.Events.Llm;

/// <summary>Why the LLM event extractor ran the built-in extractor on a document instead of using the LLM's answer.</summary>
public enum LlmFallbackReason
{
    /// <summary>The endpoint answered with a status other than 2xx.</summary>
    HttpError,

    /// <summary>The endpoint could not be reached or the connection failed (refused, reset, DNS).</summary>
    Unreachable,

    /// <summary>No complete answer within <see cref="LlmExtractorOptions.Timeout"/>.</summary>
    Timeout,

    /// <summary>The response body or the message content is not valid JSON (also a reply cut off at the token limit).</summary>
    MalformedJson,

    /// <summary>Valid JSON that does not follow the chat-completions response shape or the event schema.</summary>
    SchemaViolation,

    /// <summary>The model refused or returned no content.</summary>
    Refusal,
}
