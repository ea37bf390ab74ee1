using Npgsql;

namespace Storytelling.Stage1.Storage.Internal;

/// <summary>The <c>stage1.documents</c> columns a <see cref="StoredDocument"/> is read from, and the reading.</summary>
internal static class DocumentColumns
{
    public const string Select =
        "document_id, job_id, batch_id, line, title, text, language, detected_language, language_confidence, " +
        "language_disagrees, content_hash, duplicate_group, duplicate_kind, duplicate_of, duplicate_similarity, source, url, " +
        "authors, published_at, published_at_raw, date_flags, content_field, boilerplate_ratio, repairs, character_count, created_at";

    public static StoredDocument Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        JobId = reader.GetString(1),
        BatchId = reader.GetString(2),
        Line = reader.GetInt64(3),
        Title = reader.IsDBNull(4) ? null : reader.GetString(4),
        Text = reader.GetString(5),
        Language = reader.GetString(6),
        DetectedLanguage = reader.GetString(7),
        LanguageConfidence = reader.GetDouble(8),
        LanguageDisagrees = reader.GetBoolean(9),
        ContentHash = reader.GetString(10),
        DuplicateGroup = reader.IsDBNull(11) ? null : reader.GetString(11),
        DuplicateKind = reader.IsDBNull(12) ? null : StoredNames.ParseDuplicateKind(reader.GetString(12)),
        DuplicateOf = reader.IsDBNull(13) ? null : reader.GetString(13),
        DuplicateSimilarity = reader.IsDBNull(14) ? null : reader.GetFloat(14),
        Source = reader.IsDBNull(15) ? null : reader.GetString(15),
        Url = reader.IsDBNull(16) ? null : reader.GetString(16),
        Authors = reader.GetFieldValue<string[]>(17),
        PublishedAt = reader.IsDBNull(18) ? null : reader.GetFieldValue<DateTimeOffset>(18),
        PublishedAtRaw = reader.IsDBNull(19) ? null : reader.GetString(19),
        DateFlags = reader.GetFieldValue<string[]>(20),
        ContentField = StoredNames.ParseContentField(reader.GetString(21)),
        BoilerplateRatio = reader.GetDouble(22),
        Repairs = reader.GetFieldValue<string[]>(23),
        CharacterCount = reader.GetInt32(24),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(25),
    };
}
