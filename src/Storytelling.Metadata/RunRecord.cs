namespace Storytelling.Metadata;

/// <summary>One state of a job's run in a stage (table <c>run_history</c>): <c>START</c>, <c>COMPLETE</c> or <c>FAIL</c>, as OpenLineage names them.</summary>
public sealed record RunRecord(Guid RunId, string JobId, string Stage, string EventType, DateTimeOffset EventTime, long? DocumentCount, string? ErrorMessage);
