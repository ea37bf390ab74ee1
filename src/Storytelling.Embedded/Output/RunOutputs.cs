using System.Globalization;
using System.Text;
using System.Text.Json;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Cleaning.Duplicates;
using Storytelling.Nlp;
using Storytelling.Nlp.Output;
using Storytelling.Stories;

namespace Storytelling.Embedded.Output;

/// <summary>
/// The JSONL files of a run in its output folder (DESIGN.md "Outputs"): <c>cleaned.jsonl</c>, <c>documents.jsonl</c>,
/// <c>events.jsonl</c>, <c>storylines.jsonl</c> and <c>rejected.jsonl</c>. Files are replaced at the start of a run;
/// one compact JSON object per line, snake_case, UTF-8 without BOM.
/// </summary>
public sealed class RunOutputs : IAsyncDisposable
{
    public const string Cleaned = "cleaned.jsonl";
    public const string Documents = "documents.jsonl";
    public const string Events = "events.jsonl";
    public const string Storylines = "storylines.jsonl";
    public const string Rejected = "rejected.jsonl";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _cleaned;
    private readonly StreamWriter _documents;
    private readonly StreamWriter _events;
    private readonly RejectedRecordWriter _rejected;

    private RunOutputs(string directory)
    {
        Directory = directory;
        _cleaned = Open(Cleaned);
        _documents = Open(Documents);
        _events = Open(Events);
        File.Delete(PathOf(Rejected));
        _rejected = RejectedRecordWriter.AppendToFile(PathOf(Rejected));
    }

    public string Directory { get; }

    public long RejectedWritten => _rejected.Written;

    public static RunOutputs Create(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        return new RunOutputs(directory);
    }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public Task WriteRejectedAsync(RejectedRecord record, CancellationToken cancellationToken) => _rejected.WriteAsync(record, cancellationToken);

    public Task WriteCleanedAsync(long line, CleanedDocument document, DuplicateMatch? duplicate, CancellationToken cancellationToken) =>
        WriteLineAsync(_cleaned, CleanedJson(line, document, duplicate), cancellationToken);

    public Task WriteDocumentAsync(string annotationsJson, CancellationToken cancellationToken) =>
        WriteLineAsync(_documents, annotationsJson, cancellationToken);

    public Task WriteEventAsync(string eventJson, CancellationToken cancellationToken) => WriteLineAsync(_events, eventJson, cancellationToken);

    /// <summary>Writes <c>storylines.jsonl</c> at the end of the run: every storyline's last version.</summary>
    public async Task WriteStorylinesAsync(IEnumerable<Storyline> storylines, CancellationToken cancellationToken)
    {
        await using var writer = Open(Storylines);
        foreach (var storyline in storylines)
        {
            await WriteLineAsync(writer, StorylineJson(storyline), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cleaned.DisposeAsync();
        await _documents.DisposeAsync();
        await _events.DisposeAsync();
        await _rejected.DisposeAsync();
    }

    /// <summary>One <c>events.jsonl</c> line: id, document id, the event's fields (<see cref="EventJson"/>), its cross-document cluster and storyline.</summary>
    public static string EventLine(StoryEvent storyEvent, string clusterId, string storylineId) => Json(writer =>
    {
        writer.WriteString("id", storyEvent.Id);
        writer.WriteString("document_id", storyEvent.DocumentId);
        EventJson.WriteFields(writer, storyEvent.Mention);
        writer.WriteString("cluster_id", clusterId);
        writer.WriteString("storyline_id", storylineId);
    });

    public static string StorylineJson(Storyline storyline) => Json(writer =>
    {
        writer.WriteString("id", storyline.Id);
        writer.WriteNumber("version", storyline.Version);
        writer.WriteString("title", storyline.Title);
        WriteDate(writer, "start", storyline.Start);
        WriteDate(writer, "end", storyline.End);
        WriteStrings(writer, "document_ids", storyline.DocumentIds);
        WriteStrings(writer, "event_ids", storyline.EventIds);
    });

    /// <summary>One <c>cleaned.jsonl</c> line: id, title, text, language, content hash, near-duplicate group and the source fields.</summary>
    public static string CleanedJson(long line, CleanedDocument document, DuplicateMatch? duplicate) => Json(writer =>
    {
        ArgumentNullException.ThrowIfNull(document);
        writer.WriteString("id", document.Id);
        writer.WriteNumber("line", line);
        WriteOptional(writer, "title", document.Title);
        writer.WriteString("text", document.Text);
        writer.WriteString("language", document.Language);
        writer.WriteString("content_hash", document.ContentHash);
        WriteOptional(writer, "duplicate_group", duplicate?.GroupId);
        WriteOptional(writer, "duplicate_kind", duplicate?.Kind.ToString().ToLowerInvariant());
        WriteOptional(writer, "duplicate_of", duplicate?.MatchedDocumentId);
        if (duplicate is null)
        {
            writer.WriteNull("duplicate_similarity");
        }
        else
        {
            writer.WriteNumber("duplicate_similarity", Math.Round(duplicate.Similarity, 3));
        }

        WriteOptional(writer, "source", document.Source);
        WriteOptional(writer, "url", document.Url);
        WriteStrings(writer, "authors", document.Authors);
        WriteDate(writer, "published_at", document.PublishedAt);
        WriteStrings(writer, "date_flags", document.DateFlags);
        writer.WriteNumber("character_count", document.CharacterCount);
    });

    /// <summary>One <c>documents.jsonl</c> line: the annotations (<see cref="AnnotationWriter"/>).</summary>
    public static string DocumentJson(Document document) => AnnotationWriter.ToJson(document);

    private StreamWriter Open(string file) => new(PathOf(file), append: false, Utf8, bufferSize: 1 << 16);

    private static async Task WriteLineAsync(StreamWriter writer, string json, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(json.AsMemory(), cancellationToken);
        await writer.WriteAsync("\n".AsMemory(), cancellationToken);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonLines.WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset? value) =>
        WriteOptional(writer, name, value?.ToString("O", CultureInfo.InvariantCulture));

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
