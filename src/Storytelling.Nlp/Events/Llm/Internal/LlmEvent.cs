namespace Storytelling.Nlp.Events.Llm.Internal;

/// <summary>One event as the LLM answered it, schema-checked but not grounded.</summary>
internal sealed record LlmEvent(
    LlmSpan Trigger,
    EventType Type,
    LlmSpan? Agent,
    LlmSpan? Patient,
    LlmSpan? Theme,
    IReadOnlyList<LlmSpan> Places,
    LlmSpan? Time,
    bool Negated,
    bool Hypothetical,
    float Confidence);
