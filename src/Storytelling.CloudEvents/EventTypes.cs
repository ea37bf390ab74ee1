namespace Storytelling.CloudEvents;

/// <summary>The CloudEvents <c>type</c> values this system publishes (docs/cloudevents.md describes their data).</summary>
public static class EventTypes
{
    /// <summary>A Stage 1 work item: one article of a job, on the work stream, for a cleaning worker.</summary>
    public const string DocumentSubmitted = "com.storytelling.cleaning.document.submitted";
    public const string DocumentCleaned = "com.storytelling.cleaning.document.cleaned";
    public const string DocumentRejected = "com.storytelling.cleaning.document.rejected";
    public const string CleaningJobCompleted = "com.storytelling.cleaning.job.completed";
    public const string DocumentProcessed = "com.storytelling.nlp.document.processed";
    public const string NlpJobCompleted = "com.storytelling.nlp.job.completed";
    public const string StorylineUpdated = "com.storytelling.nlp.storyline.updated";

    /// <summary>Every type above, for routing tables and checks.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        DocumentSubmitted,
        DocumentCleaned,
        DocumentRejected,
        CleaningJobCompleted,
        DocumentProcessed,
        NlpJobCompleted,
        StorylineUpdated,
    ];
}
