namespace Storytelling.Messaging;

/// <summary>
/// Fields a dead-letter entry adds to the original entry's fields (which it keeps unchanged, so the original
/// envelope can be read and replayed).
/// </summary>
public static class DeadLetterFields
{
    public const string Reason = "dlq_reason";
    public const string ErrorMessage = "dlq_error_message";
    public const string Attempts = "dlq_attempts";
    public const string FirstFailure = "dlq_first_failure";
    public const string LastFailure = "dlq_last_failure";
    public const string Consumer = "dlq_consumer";
    public const string Group = "dlq_group";
    public const string SourceStream = "dlq_source_stream";
    public const string SourceEntryId = "dlq_source_entry_id";
    public const string Replays = "dlq_replays";

    public static bool IsDeadLetterField(string field) => field.StartsWith("dlq_", StringComparison.Ordinal);
}
