namespace Storytelling.Stage1.Storage;

/// <summary>Where a job is: <c>queued</c> until every work item is on the stream, then <c>running</c> until its last outcome is stored.</summary>
public enum JobState
{
    Queued,
    Running,
    Completed,
    Failed,
}
