using Storytelling.Articles;
using Storytelling.Cleaning.Duplicates;

namespace Storytelling.Stage1.Storage.Internal;

/// <summary>The text values the stage1 tables store for enums (the migration's CHECK constraints list them).</summary>
internal static class StoredNames
{
    public static string Of(JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.Completed => "completed",
        JobState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown job state."),
    };

    public static JobState ParseJobState(string value) => value switch
    {
        "queued" => JobState.Queued,
        "running" => JobState.Running,
        "completed" => JobState.Completed,
        "failed" => JobState.Failed,
        _ => throw new InvalidOperationException($"stage1.jobs.state holds '{value}', which this version does not know."),
    };

    public static string Of(DuplicateKind kind) => kind switch
    {
        DuplicateKind.Exact => "exact",
        DuplicateKind.Near => "near",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown duplicate kind."),
    };

    public static DuplicateKind ParseDuplicateKind(string value) => value switch
    {
        "exact" => DuplicateKind.Exact,
        "near" => DuplicateKind.Near,
        _ => throw new InvalidOperationException($"stage1.documents.duplicate_kind holds '{value}', which this version does not know."),
    };

    public static string Of(RejectionStage stage) => stage switch
    {
        RejectionStage.Input => "input",
        RejectionStage.Cleaning => "cleaning",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown rejection stage."),
    };

    public static RejectionStage ParseRejectionStage(string value) => value switch
    {
        "input" => RejectionStage.Input,
        "cleaning" => RejectionStage.Cleaning,
        _ => throw new InvalidOperationException($"stage1.rejections.stage holds '{value}', which this version does not know."),
    };

    public static string Of(ContentField field) => field switch
    {
        ContentField.Content => "content",
        ContentField.Text => "text",
        ContentField.Body => "body",
        ContentField.Html => "html",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown content field."),
    };

    public static ContentField ParseContentField(string value) => value switch
    {
        "content" => ContentField.Content,
        "text" => ContentField.Text,
        "body" => ContentField.Body,
        "html" => ContentField.Html,
        _ => throw new InvalidOperationException($"stage1.documents.content_field holds '{value}', which this version does not know."),
    };
}
