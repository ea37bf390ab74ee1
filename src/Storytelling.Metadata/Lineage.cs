namespace Storytelling.Metadata;

/// <summary>
/// Where a document or a storyline came from and what came of it: the jobs that handled its documents (each stage),
/// the documents, their events and the storylines those events are in.
/// </summary>
public sealed record Lineage(
    IReadOnlyList<JobMetadata> Jobs, IReadOnlyList<DocumentMetadata> Documents, IReadOnlyList<EventMetadata> Events, IReadOnlyList<string> Storylines);
