namespace Storytelling.Metadata;

/// <summary>The statuses of <see cref="JobMetadata.Status"/>; a finished job (completed or failed) never goes back to running.</summary>
public static class JobStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static bool IsFinished(string status) => status is Completed or Failed;
}
