using System.Text;

namespace Storytelling.Articles.Internal;

/// <summary>Turns the lines of one input into results, remembering the ids seen so far in that input.</summary>
internal sealed class ArticleLineProcessor(string fileName, ArticleInputOptions options, ArticleReadStatistics statistics)
{
    private readonly Dictionary<string, long> _firstLineOfId = new(StringComparer.Ordinal);

    /// <summary>Processes one line without its terminator (a trailing CR is allowed); null for a blank line.</summary>
    public ArticleReadResult? Process(ReadOnlySpan<byte> line, long lineNumber)
    {
        statistics.CountLine();
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Length > options.MaxLineBytes)
        {
            return Reject(line, line.Length, lineNumber, TooLong(line.Length));
        }

        if (Utf8Text.IsBlank(line))
        {
            statistics.CountBlankLine();
            return null;
        }

        var invalidAt = Utf8Text.FindInvalidByte(line);
        if (invalidAt >= 0)
        {
            return Reject(line, line.Length, lineNumber, new LineError(
                RejectionCodes.InvalidUtf8,
                $"the line is not valid UTF-8: byte 0x{line[invalidAt]:X2} at byte offset {invalidAt} (0-based) does not start a valid sequence"));
        }

        if (!ArticleJsonParser.TryParse(line, out var fields, out var error))
        {
            return Reject(line, line.Length, lineNumber, error);
        }

        return Accept(line, lineNumber, fields);
    }

    /// <summary>The rejection of a line that was skipped because it is longer than the limit.</summary>
    public ArticleReadResult RejectTooLong(ReadOnlySpan<byte> start, long byteLength, long lineNumber)
    {
        statistics.CountLine();
        return Reject(start, byteLength, lineNumber, TooLong(byteLength));
    }

    private ArticleReadResult Accept(ReadOnlySpan<byte> line, long lineNumber, ArticleFields fields)
    {
        var (content, contentField) = ChooseContent(fields);
        if (content is null)
        {
            return Reject(line, line.Length, lineNumber, new LineError(
                RejectionCodes.MissingContent,
                "the line has no content: none of the fields 'content', 'text', 'body', 'html' holds non-blank text"));
        }

        var contentBytes = Encoding.UTF8.GetByteCount(content);
        if (contentBytes > options.MaxDocumentBytes)
        {
            return Reject(line, line.Length, lineNumber, new LineError(
                RejectionCodes.DocumentTooLarge,
                $"field '{NameOf(contentField)}' is {contentBytes:N0} bytes of UTF-8, over the limit of {options.MaxDocumentBytes:N0} bytes (input.max_document_bytes)"));
        }

        var givenId = fields.Id?.Trim();
        var idWasDerived = string.IsNullOrEmpty(givenId);
        var id = idWasDerived ? ContentId.Derive(content) : givenId!;
        if (!_firstLineOfId.TryAdd(id, lineNumber))
        {
            var what = idWasDerived ? $"the id '{id}' derived from the content (the same content without an id)" : $"id '{id}'";
            return Reject(line, line.Length, lineNumber, new LineError(
                RejectionCodes.DuplicateId,
                $"{what} was already used on line {_firstLineOfId[id]}; the first occurrence is kept"));
        }

        statistics.CountArticle();
        return ArticleReadResult.Accepted(new Article
        {
            Id = id,
            IdWasDerived = idWasDerived,
            Title = fields.Title,
            Content = content,
            ContentField = contentField,
            Url = fields.Url,
            Source = fields.Source,
            Author = fields.Author,
            PublishedAtRaw = fields.PublishedAt,
            PublishedAt = Iso8601Date.Parse(fields.PublishedAt),
            Language = fields.Language,
            Origin = new InputLocation(fileName, lineNumber),
        });
    }

    private static (string? Content, ContentField Field) ChooseContent(ArticleFields fields)
    {
        if (!string.IsNullOrWhiteSpace(fields.Content))
        {
            return (fields.Content, ContentField.Content);
        }

        if (!string.IsNullOrWhiteSpace(fields.Text))
        {
            return (fields.Text, ContentField.Text);
        }

        if (!string.IsNullOrWhiteSpace(fields.Body))
        {
            return (fields.Body, ContentField.Body);
        }

        return string.IsNullOrWhiteSpace(fields.Html) ? (null, ContentField.Content) : (fields.Html, ContentField.Html);
    }

    private static string NameOf(ContentField field) => field switch
    {
        ContentField.Text => "text",
        ContentField.Body => "body",
        ContentField.Html => "html",
        _ => "content",
    };

    private LineError TooLong(long byteLength) => new(
        RejectionCodes.LineTooLong,
        $"the line is {byteLength:N0} bytes long, over the limit of {options.MaxLineBytes:N0} bytes (input.max_line_bytes); it was skipped without being parsed");

    private ArticleReadResult Reject(ReadOnlySpan<byte> line, long byteLength, long lineNumber, LineError error)
    {
        statistics.CountRejected();
        return ArticleReadResult.Rejection(new RejectedRecord(
            fileName,
            lineNumber,
            error.Code,
            error.Reason,
            byteLength,
            Utf8Text.Excerpt(line, options.RejectedExcerptChars)));
    }
}
