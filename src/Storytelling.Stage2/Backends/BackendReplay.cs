namespace Storytelling.Stage2.Backends;

/// <summary>
/// What replaying one recorded backend failure did: <paramref name="Outcome"/> is <c>written</c> (the row is gone),
/// <c>failed</c> (the row holds the new <paramref name="Error"/>), or <c>skipped</c> (why in <paramref name="Error"/>).
/// </summary>
public sealed record BackendReplay(string Backend, string JobId, long? Line, string? DocumentId, string Outcome, string? Error);
