namespace Storytelling.Nlp.Events.Llm.Internal;

/// <summary>A text span as the LLM gave it: its text and the character offsets it claims, not yet checked against the document.</summary>
internal sealed record LlmSpan(string Text, int Start, int End);
