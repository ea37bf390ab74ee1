namespace Storytelling.Nlp.Pipeline;

/// <summary>How long one component took on one document.</summary>
public readonly record struct ComponentTiming(string Component, TimeSpan Elapsed);
