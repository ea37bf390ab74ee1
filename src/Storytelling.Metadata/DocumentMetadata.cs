namespace Storytelling.Metadata;

/// <summary>A document of a job (table <c>document_metadata</c>, keyed on document and job).</summary>
public sealed record DocumentMetadata(
    string DocumentId,
    string JobId,
    string? Title,
    string? Author,
    DateTimeOffset? PublicationDate,
    string? Source,
    string? Url,
    string? Language,
    string? ContentHash);
