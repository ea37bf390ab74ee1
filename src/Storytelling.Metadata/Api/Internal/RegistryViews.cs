using System.Text.Json.Nodes;

namespace Storytelling.Metadata.Api.Internal;

/// <summary>Jobs listed by <c>GET /v1/registry/jobs</c>, newest first.</summary>
internal sealed record JobList(int Count, IReadOnlyList<JobMetadata> Jobs);

/// <summary>A job's row in each stage that ran it.</summary>
internal sealed record JobStages(string JobId, IReadOnlyList<JobMetadata> Stages);

/// <summary>A job's documents, by id.</summary>
internal sealed record JobDocuments(string JobId, int Count, IReadOnlyList<DocumentMetadata> Documents);

/// <summary>Events listed by <c>GET /v1/registry/events</c>, by date.</summary>
internal sealed record EventList(int Count, IReadOnlyList<EventMetadata> Events);

/// <summary>A job's run history as OpenLineage run events.</summary>
internal sealed record JobRunEvents(string JobId, IReadOnlyList<JsonObject> RunEvents);
