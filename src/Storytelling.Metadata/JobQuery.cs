namespace Storytelling.Metadata;

/// <summary>Which jobs to list: any of stage, status and a creation time range [From, To); newest first, at most <see cref="Limit"/>.</summary>
public sealed record JobQuery(string? Stage = null, string? Status = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 100);
