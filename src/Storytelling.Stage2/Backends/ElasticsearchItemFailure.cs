namespace Storytelling.Stage2.Backends;

/// <summary>One item of a <c>_bulk</c> response that failed: its index, id, HTTP status, error type and reason.</summary>
public sealed record ElasticsearchItemFailure(string? Index, string? Id, int Status, string? Type, string? Reason)
{
    public override string ToString() => $"{Index}/{Id}: {Status} {Type}: {Reason}";
}
