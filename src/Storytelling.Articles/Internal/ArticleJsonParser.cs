using System.Text;
using System.Text.Json;

namespace Storytelling.Articles.Internal;

/// <summary>
/// Reads one line (valid UTF-8, one JSON object) into <see cref="ArticleFields"/> without building a DOM.
/// The whole line is always read to its end, so a syntax error anywhere wins over a field error.
/// </summary>
internal static class ArticleJsonParser
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    private enum Field
    {
        Unknown,
        Id,
        Title,
        Content,
        Text,
        Body,
        Html,
        Url,
        Source,
        Author,
        PublishedAt,
        Language,
    }

    public static bool TryParse(ReadOnlySpan<byte> line, out ArticleFields fields, out LineError error)
    {
        fields = new ArticleFields();
        error = default;
        LineError? fieldError = null;
        var reader = new Utf8JsonReader(line, ReaderOptions);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var found = Describe(reader.TokenType);
                reader.Skip();
                while (reader.Read())
                {
                    // Reading on makes trailing garbage an invalid_json error rather than not_an_object.
                }

                error = new LineError(RejectionCodes.NotAnObject, $"the line is a JSON {found}, expected an object with a 'content' field");
                return false;
            }

            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = Identify(ref reader);
                var name = field == Field.Unknown ? null : NameOf(field);
                reader.Read();
                if (field == Field.Unknown)
                {
                    reader.Skip();
                    continue;
                }

                var bit = 1 << (int)field;
                if ((seen & bit) != 0)
                {
                    fieldError ??= new LineError(RejectionCodes.DuplicateField, $"field '{name}' appears more than once");
                    reader.Skip();
                    continue;
                }

                seen |= bit;
                var (value, problem) = ReadValue(ref reader, field, name!);
                if (problem is not null)
                {
                    fieldError ??= problem;
                    reader.Skip();
                    continue;
                }

                Assign(fields, field, value);
            }

            while (reader.Read())
            {
                // Unreachable for well-formed input: the reader throws on anything after the object.
            }
        }
        catch (JsonException ex)
        {
            error = new LineError(
                RejectionCodes.InvalidJson,
                $"the line is not valid JSON at byte offset {ex.BytePositionInLine} (0-based): {WithoutPosition(ex.Message)}");
            return false;
        }

        if (fieldError is { } firstError)
        {
            error = firstError;
            return false;
        }

        return true;
    }

    private static (string? Value, LineError? Problem) ReadValue(ref Utf8JsonReader reader, Field field, string name)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return (null, null);
            case JsonTokenType.String:
                try
                {
                    return (reader.GetString(), null);
                }
                catch (InvalidOperationException)
                {
                    return (null, new LineError(
                        RejectionCodes.InvalidJson,
                        $"field '{name}' holds an escaped unpaired surrogate (\\uD800-\\uDFFF) that is not valid text"));
                }

            case JsonTokenType.Number when field == Field.Id:
                var digits = reader.ValueSpan;
                if (digits.IndexOfAny(".eE"u8) < 0)
                {
                    return (Encoding.UTF8.GetString(digits), null);
                }

                return (null, new LineError(
                    RejectionCodes.WrongType,
                    $"field 'id' must be a string or an integer, got number {Encoding.UTF8.GetString(digits)}"));
            default:
                var expected = field == Field.Id ? "a string or an integer" : "a string";
                return (null, new LineError(RejectionCodes.WrongType, $"field '{name}' must be {expected}, got {Describe(reader.TokenType)}"));
        }
    }

    private static Field Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("id"u8))
        {
            return Field.Id;
        }

        if (reader.ValueTextEquals("title"u8))
        {
            return Field.Title;
        }

        if (reader.ValueTextEquals("content"u8))
        {
            return Field.Content;
        }

        if (reader.ValueTextEquals("text"u8))
        {
            return Field.Text;
        }

        if (reader.ValueTextEquals("body"u8))
        {
            return Field.Body;
        }

        if (reader.ValueTextEquals("html"u8))
        {
            return Field.Html;
        }

        if (reader.ValueTextEquals("url"u8))
        {
            return Field.Url;
        }

        if (reader.ValueTextEquals("source"u8))
        {
            return Field.Source;
        }

        if (reader.ValueTextEquals("author"u8))
        {
            return Field.Author;
        }

        if (reader.ValueTextEquals("published_at"u8))
        {
            return Field.PublishedAt;
        }

        return reader.ValueTextEquals("language"u8) ? Field.Language : Field.Unknown;
    }

    private static string NameOf(Field field) => field switch
    {
        Field.Id => "id",
        Field.Title => "title",
        Field.Content => "content",
        Field.Text => "text",
        Field.Body => "body",
        Field.Html => "html",
        Field.Url => "url",
        Field.Source => "source",
        Field.Author => "author",
        Field.PublishedAt => "published_at",
        Field.Language => "language",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a known field"),
    };

    private static void Assign(ArticleFields fields, Field field, string? value)
    {
        switch (field)
        {
            case Field.Id: fields.Id = value; break;
            case Field.Title: fields.Title = value; break;
            case Field.Content: fields.Content = value; break;
            case Field.Text: fields.Text = value; break;
            case Field.Body: fields.Body = value; break;
            case Field.Html: fields.Html = value; break;
            case Field.Url: fields.Url = value; break;
            case Field.Source: fields.Source = value; break;
            case Field.Author: fields.Author = value; break;
            case Field.PublishedAt: fields.PublishedAt = value; break;
            case Field.Language: fields.Language = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "not a known field");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>System.Text.Json appends "LineNumber: 0 | BytePositionInLine: n."; the reason states the offset itself.</summary>
    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }
}
