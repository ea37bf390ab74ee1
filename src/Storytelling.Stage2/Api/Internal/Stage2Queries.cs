using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// The NLP API's reads of Stage 2's store (schema <c>stage2</c>): jobs, the latest analysis of a document, events by
/// filter with keyset pages, storylines, and full-text search over documents and events. Events are served as stored
/// (the <c>events.jsonl</c> shape) plus their <c>cluster_id</c> and <c>storyline_id</c>. Thread-safe.
/// </summary>
internal sealed class Stage2Queries(NpgsqlDataSource dataSource)
{
    /// <summary>How <c>ts_headline</c> marks matches in snippets: plain text, so a snippet is safe to show as text.</summary>
    public const string MatchStart = "«";
    public const string MatchEnd = "»";

    private const string HeadlineOptions = $"StartSel={MatchStart}, StopSel={MatchEnd}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"";

    private const string EventColumns = "e.data::text, e.cluster_id, e.storyline_id";

    public async Task<Stage2JobRow?> GetJobAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT j.batch_id, j.mode, j.state, j.total, d.processed, (SELECT count(*) FROM stage2.failures f WHERE f.job_id = j.id),
                d.events, d.tokens, j.created_at, j.completed_at, d.last_processed_at
            FROM stage2.jobs j
            CROSS JOIN LATERAL (
                SELECT count(*) AS processed, coalesce(sum(event_count), 0)::bigint AS events, coalesce(sum(token_count), 0)::bigint AS tokens,
                    max(processed_at) AS last_processed_at
                FROM stage2.documents WHERE job_id = j.id) d
            WHERE j.id = @id
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("id", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Stage2JobRow(
            jobId, NullableString(reader, 0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
            reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetFieldValue<DateTimeOffset>(8),
            NullableTime(reader, 9), NullableTime(reader, 10));
    }

    /// <summary>The latest analysis of <paramref name="documentId"/> (a document submitted in several jobs is analysed in each), with its events.</summary>
    public async Task<DocumentView?> GetDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        DocumentView document;
        await using (var command = new NpgsqlCommand(
            """
            SELECT d.job_id, d.line, d.title, d.text, d.language, d.published_at, d.processed_at, d.token_count, d.sentence_count,
                d.entity_count, d.event_count, d.annotations::text,
                (SELECT l.storyline_id FROM stage2.story_log l WHERE l.job_id = d.job_id AND l.line = d.line)
            FROM stage2.documents d WHERE d.document_id = @id
            ORDER BY d.processed_at DESC, d.job_id DESC LIMIT 1
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("id", documentId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            using var annotations = JsonDocument.Parse(reader.GetString(11));
            document = new DocumentView(
                documentId, reader.GetString(0), reader.GetInt64(1), NullableString(reader, 2), reader.GetString(3), NullableString(reader, 4),
                NullableTime(reader, 5), reader.GetFieldValue<DateTimeOffset>(6),
                new DocumentCounts(reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10)),
                NullableString(reader, 12), annotations.RootElement.Clone(), []);
        }

        await using var events = new NpgsqlCommand(
            $"SELECT {EventColumns} FROM stage2.events e WHERE e.job_id = @job AND e.line = @line ORDER BY e.trigger_start", connection);
        events.Parameters.Add(new NpgsqlParameter<string>("job", document.JobId));
        events.Parameters.Add(new NpgsqlParameter<long>("line", document.Line));
        return document with { Events = await ReadEventsAsync(events, cancellationToken) };
    }

    /// <summary>
    /// One page of events matching <paramref name="filter"/>, in the order of their key (job, line, trigger offset: a job's
    /// documents in input order, each document's events in text order); <see cref="EventPage.NextCursor"/> is null on the last page.
    /// </summary>
    public async Task<EventPage> FindEventsAsync(EventFilter filter, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {EventColumns}, e.job_id, e.line, e.trigger_start FROM stage2.events e WHERE true");
        await using var command = dataSource.CreateCommand();
        void Where(string condition, NpgsqlParameter parameter)
        {
            sql.Append(" AND ").Append(condition);
            command.Parameters.Add(parameter);
        }

        if (filter.DocumentId is { } documentId)
        {
            Where("e.document_id = @document", new NpgsqlParameter<string>("document", documentId));
        }

        if (filter.Type is { } type)
        {
            Where("e.event_type = @type", new NpgsqlParameter<string>("type", type));
        }

        if (filter.From is { } from)
        {
            Where("e.when_begin >= @from", new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
        }

        if (filter.Until is { } until)
        {
            Where(filter.UntilInclusive ? "e.when_begin <= @until" : "e.when_begin < @until", new NpgsqlParameter<DateTimeOffset>("until", until.ToUniversalTime()));
        }

        if (filter.StorylineId is { } storylineId)
        {
            Where("e.storyline_id = @storyline", new NpgsqlParameter<string>("storyline", storylineId));
        }

        if (filter.Entity is { } entity)
        {
            Where(
                """
                EXISTS (SELECT 1 FROM (
                    SELECT e.data -> 'who' ->> 'text' UNION ALL SELECT e.data -> 'whom' ->> 'text' UNION ALL SELECT e.data -> 'what' ->> 'text'
                    UNION ALL SELECT p ->> 'text' FROM jsonb_array_elements(CASE jsonb_typeof(e.data -> 'where') WHEN 'array' THEN e.data -> 'where' ELSE '[]' END) p
                ) AS argument(text) WHERE argument.text ILIKE @entity)
                """,
                new NpgsqlParameter<string>("entity", "%" + EscapeLike(entity) + "%"));
        }

        if (filter.After is { } after)
        {
            sql.Append(" AND (e.job_id, e.line, e.trigger_start) > (@after_job, @after_line, @after_start)");
            command.Parameters.Add(new NpgsqlParameter<string>("after_job", after.JobId));
            command.Parameters.Add(new NpgsqlParameter<long>("after_line", after.Line));
            command.Parameters.Add(new NpgsqlParameter<int>("after_start", after.TriggerStart));
        }

        sql.Append(" ORDER BY e.job_id, e.line, e.trigger_start LIMIT @limit");
        command.Parameters.Add(new NpgsqlParameter<int>("limit", filter.Limit + 1));
        command.CommandText = sql.ToString();

        var events = new List<JsonObject>();
        EventPosition? last = null;
        string? next = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (events.Count == filter.Limit)
            {
                next = PageCursor.Encode("events", last!.JobId, last.Line.ToString(CultureInfo.InvariantCulture),
                    last.TriggerStart.ToString(CultureInfo.InvariantCulture));
                break;
            }

            events.Add(ReadEvent(reader));
            last = new EventPosition(reader.GetString(3), reader.GetInt64(4), reader.GetInt32(5));
        }

        return new EventPage(events, next);
    }

    /// <summary>One page of storylines, most recently updated first; <paramref name="query"/> (web search syntax) filters on titles.</summary>
    public async Task<StorylinePage> ListStorylinesAsync(string? query, int limit, StorylinePosition? after, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(
            "SELECT id, version, title, start_at, end_at, document_count, event_count, updated_at FROM stage2.storylines s WHERE true");
        await using var command = dataSource.CreateCommand();
        if (query is not null)
        {
            sql.Append(" AND s.search @@ websearch_to_tsquery('english', @q)");
            command.Parameters.Add(new NpgsqlParameter<string>("q", query));
        }

        if (after is not null)
        {
            sql.Append(" AND (s.updated_at, s.id) < (@after_time, @after_id)");
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("after_time", after.UpdatedAt.ToUniversalTime()));
            command.Parameters.Add(new NpgsqlParameter<string>("after_id", after.Id));
        }

        sql.Append(" ORDER BY s.updated_at DESC, s.id DESC LIMIT @limit");
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit + 1));
        command.CommandText = sql.ToString();
        var storylines = new List<StorylineSummary>();
        string? next = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (storylines.Count == limit)
            {
                var last = storylines[^1];
                next = PageCursor.Encode("storylines", last.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), last.Id);
                break;
            }

            storylines.Add(ReadStoryline(reader));
        }

        return new StorylinePage(storylines, next);
    }

    /// <summary>
    /// The storyline with its documents and its events in time order (the event's date, else its document's
    /// publication date; undated last), each event as stored with its cluster.
    /// </summary>
    public async Task<StorylineView?> GetStorylineAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        StorylineSummary summary;
        string[] documentIds;
        await using (var command = new NpgsqlCommand(
            "SELECT id, version, title, start_at, end_at, document_count, event_count, updated_at, document_ids::text FROM stage2.storylines WHERE id = @id",
            connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("id", id));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            summary = ReadStoryline(reader);
            documentIds = JsonSerializer.Deserialize<string[]>(reader.GetString(8)) ?? [];
        }

        var stored = new Dictionary<string, StorylineDocument>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "SELECT DISTINCT ON (document_id) document_id, title, published_at FROM stage2.documents WHERE document_id = ANY(@ids) ORDER BY document_id, processed_at DESC",
            connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", documentIds));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var documentId = reader.GetString(0);
                stored[documentId] = new StorylineDocument(documentId, NullableString(reader, 1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
            }
        }

        var documents = documentIds.Select(d => stored.GetValueOrDefault(d) ?? new StorylineDocument(d, null, null)).ToList();
        await using var events = new NpgsqlCommand(
            $"""
            SELECT {EventColumns} FROM stage2.events e JOIN stage2.documents d ON d.job_id = e.job_id AND d.line = e.line
            WHERE e.storyline_id = @id
            ORDER BY coalesce(e.when_begin, d.published_at) NULLS LAST, d.published_at NULLS LAST, e.document_id, e.trigger_start
            """, connection);
        events.Parameters.Add(new NpgsqlParameter<string>("id", id));
        return new StorylineView(
            summary.Id, summary.Version, summary.Title, summary.StartAt, summary.EndAt, summary.DocumentCount, summary.EventCount, summary.UpdatedAt,
            documentIds, documents, await ReadEventsAsync(events, cancellationToken));
    }

    /// <summary>
    /// Full-text search (<c>websearch_to_tsquery('english', q)</c>): up to <paramref name="limit"/> documents (the latest
    /// analysis of each) and events, each list by rank, with a snippet of the document's text or the event's sentence.
    /// </summary>
    public async Task<SearchResults> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var documents = new List<DocumentHit>();
        await using (var command = new NpgsqlCommand(
            $"""
            WITH query AS (SELECT websearch_to_tsquery('english', @q) AS q),
            latest AS (
                SELECT DISTINCT ON (d.document_id) d.document_id, d.job_id, d.line, d.title, d.text, ts_rank(d.search, query.q) AS rank
                FROM stage2.documents d, query WHERE d.search @@ query.q
                ORDER BY d.document_id, d.processed_at DESC),
            top AS (SELECT * FROM latest ORDER BY rank DESC, document_id LIMIT @limit)
            SELECT top.document_id, top.job_id, top.line, top.title, top.rank, ts_headline('english', top.text, query.q, '{HeadlineOptions}')
            FROM top, query ORDER BY top.rank DESC, top.document_id
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("q", query));
            command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                documents.Add(new DocumentHit(
                    reader.GetString(0), reader.GetString(1), reader.GetInt64(2), NullableString(reader, 3), Math.Round(reader.GetFloat(4), 6), reader.GetString(5)));
            }
        }

        var events = new List<EventHit>();
        await using (var command = new NpgsqlCommand(
            $"""
            WITH query AS (SELECT websearch_to_tsquery('english', @q) AS q),
            top AS (
                SELECT e.id, e.document_id, e.job_id, e.line, e.event_type, e.trigger_text, e.sentence, e.trigger_start, ts_rank(e.search, query.q) AS rank
                FROM stage2.events e, query WHERE e.search @@ query.q
                ORDER BY rank DESC, e.job_id, e.line, e.trigger_start LIMIT @limit)
            SELECT top.id, top.document_id, top.job_id, top.line, top.event_type, top.trigger_text, top.rank,
                ts_headline('english', substr(d.text, s.start + 1, s.stop - s.start), query.q, '{HeadlineOptions}')
            FROM top JOIN stage2.documents d ON d.job_id = top.job_id AND d.line = top.line
            CROSS JOIN query
            CROSS JOIN LATERAL (SELECT (d.annotations -> 'sentences' -> top.sentence ->> 'start')::int AS start,
                (d.annotations -> 'sentences' -> top.sentence ->> 'end')::int AS stop) s
            ORDER BY top.rank DESC, top.job_id, top.line, top.trigger_start
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("q", query));
            command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new EventHit(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
                    Math.Round(reader.GetFloat(6), 6), reader.GetString(7)));
            }
        }

        return new SearchResults(query, documents, events);
    }

    private static async Task<List<JsonObject>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<JsonObject>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(ReadEvent(reader));
        }

        return events;
    }

    /// <summary>The stored event JSON (columns 0-2: data, cluster_id, storyline_id) with its cluster and storyline.</summary>
    private static JsonObject ReadEvent(NpgsqlDataReader reader)
    {
        var data = JsonNode.Parse(reader.GetString(0))?.AsObject() ?? throw new InvalidDataException("stage2.events.data is JSON null");
        data["cluster_id"] = NullableString(reader, 1);
        data["storyline_id"] = NullableString(reader, 2);
        return data;
    }

    private static StorylineSummary ReadStoryline(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetInt32(1), reader.GetString(2), NullableTime(reader, 3), NullableTime(reader, 4), reader.GetInt32(5),
        reader.GetInt32(6), reader.GetFieldValue<DateTimeOffset>(7));

    /// <summary><paramref name="text"/> with <c>\</c>, <c>%</c> and <c>_</c> escaped for LIKE (default escape character).</summary>
    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
