using System.ComponentModel;

namespace Storytelling.Stage1.Api;

/// <summary>
/// The <c>application/json</c> body of <c>POST /v1/jobs</c>: a JSONL file on the server, under
/// <c>stage1.submit_path_root</c> (relative paths are taken from that folder), the batch it belongs to and the job's
/// concurrency (default 4). Missing <c>batch_id</c> or <c>concurrency</c> fall back to the query string.
/// </summary>
public sealed record PathSubmission
{
    [Description("The JSONL file to submit: relative to stage1.submit_path_root, or absolute inside it. Required.")]
    public string? Path { get; init; }

    [Description("The batch the input belongs to; required here or as query parameter batch_id.")]
    public string? BatchId { get; init; }

    [Description("How many of this job's documents one worker process cleans at once, 1-256; default 4 (or query parameter concurrency).")]
    public int? Concurrency { get; init; }
}
