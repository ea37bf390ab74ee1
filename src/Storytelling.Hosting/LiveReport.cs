namespace Storytelling.Hosting;

/// <summary>The answer of <c>/health/live</c>.</summary>
public sealed record LiveReport(string Status);
