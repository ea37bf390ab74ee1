namespace Storytelling.Stage1.Storage;

/// <summary>A job as submitted: its id, the batch it belongs to, the per-worker concurrency cap (<c>-c N</c>) and the input's name.</summary>
public sealed record NewJob(string Id, string BatchId, int Concurrency, string InputName, DateTimeOffset CreatedAt);
