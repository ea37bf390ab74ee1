using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Storytelling.Nlp.Output;

namespace Storytelling.Stage2.Backends;

/// <summary>
/// An optional writer to Elasticsearch over its documented <c>_bulk</c> HTTP API (no client library): one
/// <c>POST {stage2.elasticsearch_url}/_bulk</c> per document, <c>Content-Type: application/x-ndjson</c>, an
/// <c>index</c> action per item with <c>_index</c> (<c>&lt;prefix&gt;-documents</c> or <c>&lt;prefix&gt;-events</c>) and
/// <c>_id</c> (the document id, the event id) so indexing again replaces, each source on the next line, the body ending
/// with a newline. A response that is not 2xx, or says <c>"errors": true</c>, is a failure naming what failed; so is no
/// answer within <c>stage2.elasticsearch_timeout_seconds</c>. Checked against the documented format with a local
/// listener only, not against a real cluster.
/// </summary>
public sealed class ElasticsearchBackend : IStorageBackend
{
    public const string BackendName = "elasticsearch";

    private static readonly IReadOnlyDictionary<string, string> Nothing = new Dictionary<string, string>();
    private static readonly MediaTypeHeaderValue NdJson = new("application/x-ndjson");
    private readonly HttpClient _http;
    private readonly Uri _bulk;
    private readonly string _apiKey;
    private readonly TimeSpan _timeout;

    /// <param name="http">Used as is (its own timeout should be infinite; <paramref name="timeout"/> bounds each request).</param>
    public ElasticsearchBackend(HttpClient http, Uri url, string indexPrefix, string apiKey, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(indexPrefix);
        _http = http;
        _bulk = new Uri(url.AbsoluteUri.TrimEnd('/') + "/_bulk");
        DocumentsIndex = indexPrefix + "-documents";
        EventsIndex = indexPrefix + "-events";
        _apiKey = apiKey ?? "";
        _timeout = timeout;
    }

    public string Name => BackendName;

    public string DocumentsIndex { get; }

    public string EventsIndex { get; }

    public async Task WriteAsync(AnalysedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var request = new HttpRequestMessage(HttpMethod.Post, _bulk) { Content = new ByteArrayContent(BulkBody(document)) };
        request.Content.Headers.ContentType = NdJson;
        if (_apiKey.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", _apiKey);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    string.Create(CultureInfo.InvariantCulture, $"POST {_bulk}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(body)}"),
                    null, response.StatusCode);
            }

            ThrowOnItemErrors(body);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"POST {_bulk}: no answer within {_timeout.TotalSeconds:0.###} s"), e);
        }
    }

    public Task<IReadOnlyDictionary<string, string>> CompleteJobAsync(string jobId, CancellationToken cancellationToken) => Task.FromResult(Nothing);

    /// <summary>The NDJSON body of one document: its action and source, then each event's.</summary>
    public byte[] BulkBody(AnalysedDocument analysed)
    {
        ArgumentNullException.ThrowIfNull(analysed);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, JsonLines.WriterOptions))
        {
            WriteAction(writer, buffer, DocumentsIndex, analysed.Item.DocumentId);
            WriteDocumentSource(writer, analysed);
            EndLine(writer, buffer);
            foreach (var analysedEvent in analysed.Events)
            {
                WriteAction(writer, buffer, EventsIndex, analysedEvent.Id);
                writer.WriteRawValue(analysedEvent.Json);

                EndLine(writer, buffer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAction(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, string index, string id)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("index");
        writer.WriteString("_index", index);
        writer.WriteString("_id", id);
        writer.WriteEndObject();
        writer.WriteEndObject();
        EndLine(writer, buffer);
    }

    /// <summary>
    /// A searchable document: where it came from, its text and dates, counts and named entities, all from the
    /// document's JSON forms (so a stored document can be written again): the full annotations stay in PostgreSQL and
    /// the JSONL files.
    /// </summary>
    private static void WriteDocumentSource(Utf8JsonWriter writer, AnalysedDocument analysed)
    {
        var (item, source) = (analysed.Item, analysed.Source);
        using var annotations = JsonDocument.Parse(analysed.AnnotationsJson);
        var sentences = annotations.RootElement.TryGetProperty("sentences", out var s) && s.ValueKind == JsonValueKind.Array ? s : default;
        var entities = annotations.RootElement.TryGetProperty("entities", out var e) && e.ValueKind == JsonValueKind.Array ? e : default;
        writer.WriteStartObject();
        writer.WriteString("document_id", item.DocumentId);
        writer.WriteString("job_id", item.JobId);
        JsonLines.WriteStringOrNull(writer, "batch_id", item.BatchId);
        writer.WriteNumber("line", item.Line);
        JsonLines.WriteStringOrNull(writer, "title", source.Title);
        writer.WriteString("text", source.Text);
        JsonLines.WriteStringOrNull(writer, "language", source.Language);
        if (source.PublishedAt is { } published)
        {
            writer.WriteString("published_at", published);
        }
        else
        {
            writer.WriteNull("published_at");
        }

        writer.WriteString("processed_at", analysed.ProcessedAt);
        var tokens = sentences.ValueKind == JsonValueKind.Array
            ? sentences.EnumerateArray().Sum(sentence => sentence.TryGetProperty("tokens", out var t) && t.ValueKind == JsonValueKind.Array ? t.GetArrayLength() : 0)
            : 0;
        writer.WriteNumber("token_count", tokens);
        writer.WriteNumber("sentence_count", sentences.ValueKind == JsonValueKind.Array ? sentences.GetArrayLength() : 0);
        writer.WriteNumber("entity_count", entities.ValueKind == JsonValueKind.Array ? entities.GetArrayLength() : 0);
        writer.WriteNumber("event_count", analysed.Events.Count);
        writer.WritePropertyName("entities");
        if (entities.ValueKind == JsonValueKind.Array)
        {
            entities.WriteTo(writer);
        }
        else
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void EndLine(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        writer.Flush();
        writer.Reset();
        buffer.Write("\n"u8);
    }

    private void ThrowOnItemErrors(byte[] body)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"POST {_bulk}: the answer is not JSON ({e.Message}): {Excerpt(body)}", e);
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("errors", out var errors) || errors.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new InvalidDataException($"POST {_bulk}: the answer has no boolean 'errors', so it is not a _bulk response: {Excerpt(body)}");
            }

            if (errors.ValueKind == JsonValueKind.False)
            {
                return;
            }

            var failures = new List<ElasticsearchItemFailure>();
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    foreach (var action in item.EnumerateObject())
                    {
                        var result = action.Value;
                        if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty("error", out var error))
                        {
                            failures.Add(new ElasticsearchItemFailure(
                                Text(result, "_index"), Text(result, "_id"),
                                result.TryGetProperty("status", out var status) && status.TryGetInt32(out var code) ? code : 0,
                                error.ValueKind == JsonValueKind.Object ? Text(error, "type") : null,
                                error.ValueKind == JsonValueKind.Object ? Text(error, "reason") : error.ToString()));
                        }
                    }
                }
            }

            throw new ElasticsearchBulkException(
                $"POST {_bulk}: {failures.Count} item(s) not indexed: {string.Join("; ", failures.Take(5))}{(failures.Count > 5 ? "; ..." : "")}", failures);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Excerpt(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 500));
        return body.Length > 500 ? text + "..." : text;
    }
}
