namespace Storytelling.Stage2.Storage;

/// <summary>A write an optional storage backend failed (<c>stage2.backend_failures</c>): which backend, job, line and document (null line: a job-level write), the error and when.</summary>
public sealed record BackendFailure(string Backend, string JobId, long? Line, string? DocumentId, string Error, DateTimeOffset FailedAt);
