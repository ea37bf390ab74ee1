namespace Storytelling.Stage1.Storage;

/// <summary>
/// A job's counters. <see cref="Submitted"/> counts the input records the job accounts for (work items put on the
/// stream plus input rejections) and is null until the submission has finished; <see cref="Rejected"/> counts input
/// and cleaning rejections; <see cref="Duplicates"/> is the subset of <see cref="Cleaned"/> that repeats an earlier document.
/// </summary>
public sealed record JobProgress(string JobId, long? Submitted, long Cleaned, long Rejected, long Duplicates, JobState State)
{
    /// <summary>Every submitted record has an outcome stored (the job may still need marking completed).</summary>
    public bool IsComplete => Submitted is not null && Cleaned + Rejected >= Submitted;
}
