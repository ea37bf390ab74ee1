namespace Storytelling.Articles;

/// <summary>The machine codes of <see cref="RejectedRecord.Code"/> (docs/input-format.md lists reasons and examples).</summary>
public static class RejectionCodes
{
    public const string InvalidUtf8 = "invalid_utf8";
    public const string InvalidJson = "invalid_json";
    public const string NotAnObject = "not_an_object";
    public const string WrongType = "wrong_type";
    public const string DuplicateField = "duplicate_field";
    public const string MissingContent = "missing_content";
    public const string DocumentTooLarge = "document_too_large";
    public const string LineTooLong = "line_too_long";
    public const string DuplicateId = "duplicate_id";
}
