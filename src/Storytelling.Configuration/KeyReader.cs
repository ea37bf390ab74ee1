namespace Storytelling.Configuration;

/// <summary>A setting read by its key rather than through an options class, and what reads it (for the configuration reference).</summary>
public sealed record KeyReader(string Key, string ReadBy);
