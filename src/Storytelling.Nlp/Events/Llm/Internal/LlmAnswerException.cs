namespace Storytelling.Nlp.Events.Llm.Internal;

/// <summary>The endpoint's answer cannot be used; <see cref="Reason"/> is the fallback reason counted for it.</summary>
internal sealed class LlmAnswerException(LlmFallbackReason reason, string message) : Exception(message)
{
    public LlmFallbackReason Reason { get; } = reason;
}
