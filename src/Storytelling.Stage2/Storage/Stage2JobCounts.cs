namespace Storytelling.Stage2.Storage;

/// <summary>A Stage 2 job's state: documents it accounts for (null until known), analysed, failed, events and tokens found.</summary>
public sealed record Stage2JobCounts(string JobId, string? BatchId, long? Total, long Processed, long Failed, long Events, long Tokens, bool IsCompleted)
{
    /// <summary>Every document the job accounts for has been analysed or has failed.</summary>
    public bool IsDone => Total is { } total && Processed + Failed >= total;
}
