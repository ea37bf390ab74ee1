using System.Buffers;
using System.Data;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Storytelling.Nlp;
using Storytelling.Nlp.Events;
using Storytelling.Nlp.Output;
using Storytelling.Stage2.Backends;
using Storytelling.Stage2.Input;
using Storytelling.Stage2.Triggering;
using Storytelling.Storage;

namespace Storytelling.Stage2.Storage;

/// <summary>
/// Stage 2's PostgreSQL store (schema <c>stage2</c>, ADR 8): jobs, analysed documents with their annotations (JSON)
/// and full-text search, events, and failures. Saving a document replaces its rows (keyed on job and line), so
/// re-processing never duplicates anything. Thread-safe.
/// </summary>
public sealed class Stage2Store(NpgsqlDataSource dataSource)
{
    public const string Schema = "stage2";
    private const string MigrationsPrefix = "Storytelling.Stage2.Storage.Migrations";

    public static Task<IReadOnlyList<AppliedMigration>> MigrateAsync(PostgresMigrator migrator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migrator);
        return migrator.MigrateAsync(Schema, typeof(Stage2Store).Assembly, MigrationsPrefix, cancellationToken);
    }

    /// <summary>Creates the job if it is new; sets its total if it was unknown and <paramref name="total"/> is given.</summary>
    public async Task EnsureJobAsync(string jobId, string? batchId, bool batchMode, long? total, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO stage2.jobs (id, batch_id, mode, total, created_at) VALUES (@id, @batch_id, @mode, @total, @now)
            ON CONFLICT (id) DO UPDATE SET total = coalesce(stage2.jobs.total, excluded.total), batch_id = coalesce(stage2.jobs.batch_id, excluded.batch_id)
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("id", jobId));
        command.Parameters.Add(new NpgsqlParameter("batch_id", NpgsqlDbType.Text) { Value = (object?)batchId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string>("mode", batchMode ? "batch" : "document"));
        command.Parameters.Add(new NpgsqlParameter("total", NpgsqlDbType.Bigint) { Value = (object?)total ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now.ToUniversalTime()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Saves an analysed document and its events in one transaction, replacing what an earlier attempt saved, and
    /// clears the optional backends' recorded failures of the document (they are written again after this).
    /// </summary>
    public async Task SaveDocumentAsync(AnalysedDocument analysed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analysed);
        var (item, document) = (analysed.Item, analysed.Document);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var table in (string[])["documents", "backend_failures"])
        {
            var delete = new NpgsqlBatchCommand($"DELETE FROM stage2.{table} WHERE job_id = $1 AND line = $2");
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.JobId });
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = item.Line });
            batch.BatchCommands.Add(delete);
        }

        var insert = new NpgsqlBatchCommand(
            """
            INSERT INTO stage2.documents (job_id, line, document_id, title, text, language, published_at, token_count, sentence_count,
                entity_count, event_count, annotations, processed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)
            """);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.JobId });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = item.Line });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.DocumentId });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)analysed.Source.Title ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = document.Text });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)analysed.Source.Language ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)document.PublishedAt?.ToUniversalTime() ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = document.TokenCount });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = document.Sentences.Length });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = document.Entities.Count });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = document.Events.Count });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = analysed.AnnotationsJson });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = analysed.ProcessedAt.ToUniversalTime() });
        batch.BatchCommands.Add(insert);
        if (analysed.Events.Count > 0)
        {
            batch.BatchCommands.Add(InsertEvents(item, document, analysed.Events));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Keeps a document whose analysis failed on every attempt, with the error.</summary>
    public async Task SaveFailureAsync(NlpWorkItem item, string error, long attempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO stage2.failures (job_id, line, document_id, error, attempts, failed_at) VALUES (@job_id, @line, @document_id, @error, @attempts, @now)
            ON CONFLICT (job_id, line) DO UPDATE SET error = excluded.error, attempts = excluded.attempts, failed_at = excluded.failed_at
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", item.JobId));
        command.Parameters.Add(new NpgsqlParameter<long>("line", item.Line));
        command.Parameters.Add(new NpgsqlParameter<string>("document_id", item.DocumentId));
        command.Parameters.Add(new NpgsqlParameter<string>("error", error));
        command.Parameters.Add(new NpgsqlParameter<int>("attempts", (int)Math.Min(int.MaxValue, attempts)));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now.ToUniversalTime()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The job's counts; null when Stage 2 has no such job.</summary>
    public async Task<Stage2JobCounts?> GetCountsAsync(string jobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var command = dataSource.CreateCommand(
            """
            SELECT j.batch_id, j.total, j.state = 'completed',
                (SELECT count(*) FROM stage2.documents d WHERE d.job_id = j.id),
                (SELECT count(*) FROM stage2.failures f WHERE f.job_id = j.id),
                (SELECT coalesce(sum(d.event_count), 0) FROM stage2.documents d WHERE d.job_id = j.id),
                (SELECT coalesce(sum(d.token_count), 0) FROM stage2.documents d WHERE d.job_id = j.id)
            FROM stage2.jobs j WHERE j.id = @id
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("id", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Stage2JobCounts(
            jobId, reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1),
            reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetBoolean(2));
    }

    /// <summary>Marks the job completed when it is done; true for exactly one caller however many race.</summary>
    public async Task<bool> TryCompleteAsync(string jobId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var command = dataSource.CreateCommand(
            """
            UPDATE stage2.jobs j SET state = 'completed', completed_at = @now
            WHERE j.id = @id AND j.state = 'running' AND j.total IS NOT NULL
              AND (SELECT count(*) FROM stage2.documents d WHERE d.job_id = j.id) + (SELECT count(*) FROM stage2.failures f WHERE f.job_id = j.id) >= j.total
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("id", jobId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now.ToUniversalTime()));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static NpgsqlBatchCommand InsertEvents(NlpWorkItem item, Document document, IReadOnlyList<AnalysedEvent> events)
    {
        var mentions = document.Events;
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO stage2.events (job_id, line, id, document_id, sentence, trigger_start, trigger_end, trigger_text, lemma, event_type,
                confidence, when_value, when_begin, data)
            SELECT $1, $2, e.id, $3, e.sentence, e.trigger_start, e.trigger_end, e.trigger_text, e.lemma, e.event_type, e.confidence,
                e.when_value, e.when_begin, e.data::jsonb
            FROM unnest($4::text[], $5::int[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[], $11::real[], $12::text[],
                $13::timestamptz[], $14::text[])
                AS e(id, sentence, trigger_start, trigger_end, trigger_text, lemma, event_type, confidence, when_value, when_begin, data)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.JobId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = item.Line });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.DocumentId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.Id)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. mentions.Select(m => m.Sentence)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. mentions.Select(m => m.TriggerStart)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. mentions.Select(m => m.TriggerEnd)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. mentions.Select(m => m.Trigger)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. mentions.Select(m => m.Lemma)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. mentions.Select(m => m.Type.Name())] });
        command.Parameters.Add(new NpgsqlParameter<float[]> { TypedValue = [.. mentions.Select(m => m.Confidence)] });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = mentions.Select(m => (object?)m.When?.Value ?? DBNull.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            Value = mentions.Select(m => m.When?.Interval is { } interval ? (object)interval.Begin.ToUniversalTime() : DBNull.Value).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.Json)] });
        return command;
    }

    /// <summary>Records (or replaces) a failed write of an optional backend: a document's (<paramref name="line"/> given) or a job's.</summary>
    public async Task SaveBackendFailureAsync(
        string backend, string jobId, long? line, string? documentId, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(backend);
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO stage2.backend_failures (backend, job_id, line, document_id, error, failed_at) VALUES (@backend, @job_id, @line, @document_id, @error, @now)
            ON CONFLICT (backend, job_id, line) DO UPDATE SET document_id = excluded.document_id, error = excluded.error, failed_at = excluded.failed_at
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("backend", backend));
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", jobId));
        command.Parameters.Add(new NpgsqlParameter("line", NpgsqlDbType.Bigint) { Value = (object?)line ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("document_id", NpgsqlDbType.Text) { Value = (object?)documentId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string>("error", error));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now.ToUniversalTime()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Clears a backend's failure of a job-level write (before the write is tried again).</summary>
    public async Task ClearJobBackendFailureAsync(string backend, string jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM stage2.backend_failures WHERE backend = @backend AND job_id = @job_id AND line IS NULL");
        command.Parameters.Add(new NpgsqlParameter<string>("backend", backend));
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", jobId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>What the optional backends are missing: their failed writes, of one job or of all, oldest first.</summary>
    public async Task<IReadOnlyList<BackendFailure>> ReadBackendFailuresAsync(string? jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT backend, job_id, line, document_id, error, failed_at FROM stage2.backend_failures
            WHERE @job_id::text IS NULL OR job_id = @job_id ORDER BY failed_at, backend, job_id, line
            """);
        command.Parameters.Add(new NpgsqlParameter("job_id", NpgsqlDbType.Text) { Value = (object?)jobId ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var failures = new List<BackendFailure>();
        while (await reader.ReadAsync(cancellationToken))
        {
            failures.Add(new BackendFailure(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return failures;
    }

    /// <summary>Removes a recorded backend failure once the write succeeded (<paramref name="line"/> null: the job-level one).</summary>
    public async Task DeleteBackendFailureAsync(string backend, string jobId, long? line, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM stage2.backend_failures WHERE backend = @backend AND job_id = @job_id AND line IS NOT DISTINCT FROM @line");
        command.Parameters.Add(new NpgsqlParameter<string>("backend", backend));
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", jobId));
        command.Parameters.Add(new NpgsqlParameter("line", NpgsqlDbType.Bigint) { Value = (object?)line ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A stored document as the storage backends receive it (annotations and events as compact JSON), to write it again
    /// to an optional backend; its <see cref="Document"/> holds the text only. Null when the line is not stored.
    /// </summary>
    public async Task<AnalysedDocument?> ReadAnalysedAsync(string jobId, long line, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT d.document_id, j.batch_id, d.title, d.text, d.language, d.published_at, d.annotations::text, d.processed_at
            FROM stage2.documents d JOIN stage2.jobs j ON j.id = d.job_id WHERE d.job_id = @job_id AND d.line = @line;
            SELECT id, data::text FROM stage2.events WHERE job_id = @job_id AND line = @line ORDER BY trigger_start
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", jobId));
        command.Parameters.Add(new NpgsqlParameter<long>("line", line));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var id = reader.GetString(0);
        var batchId = reader.IsDBNull(1) ? null : reader.GetString(1);
        var text = reader.GetString(3);
        DateTimeOffset? publishedAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5);
        var source = new Stage1Document(id, jobId, line, batchId, reader.IsDBNull(2) ? null : reader.GetString(2), text, reader.IsDBNull(4) ? null : reader.GetString(4), publishedAt);
        var annotations = Compact(reader.GetString(6));
        var processedAt = reader.GetFieldValue<DateTimeOffset>(7);
        await reader.NextResultAsync(cancellationToken);
        var events = new List<AnalysedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new AnalysedEvent(reader.GetString(0), Compact(reader.GetString(1))));
        }

        return new AnalysedDocument(
            new NlpWorkItem(jobId, line, id, batchId), source, new Document(text, id) { PublishedAt = publishedAt }, annotations, events, processedAt);
    }

    /// <summary>A job's <c>documents.jsonl</c> lines (the stored annotations, compact JSON) in input-line order, streamed.</summary>
    public IAsyncEnumerable<string> ReadDocumentLinesAsync(string jobId, CancellationToken cancellationToken) =>
        ReadJsonLinesAsync("SELECT annotations::text FROM stage2.documents WHERE job_id = @job_id ORDER BY line", jobId, cancellationToken);

    /// <summary>
    /// A job's <c>events.jsonl</c> lines in input-line and trigger order, streamed: the stored event with its
    /// cross-document cluster and storyline (null until the storyline builder has taken its document).
    /// </summary>
    public IAsyncEnumerable<string> ReadEventLinesAsync(string jobId, CancellationToken cancellationToken) =>
        ReadJsonLinesAsync(
            """
            SELECT (data || jsonb_build_object('cluster_id', cluster_id, 'storyline_id', storyline_id))::text
            FROM stage2.events WHERE job_id = @job_id ORDER BY line, trigger_start
            """, jobId, cancellationToken);

    private async IAsyncEnumerable<string> ReadJsonLinesAsync(string sql, string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", jobId));
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Compact(reader.GetString(0));
        }
    }

    /// <summary>PostgreSQL's <c>jsonb</c> text (spaces after separators) as one compact JSON line.</summary>
    private static string Compact(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, JsonLines.WriterOptions))
        {
            parsed.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>For tests and the API: the stored events of a job, in document and trigger order.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadEventsAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT data::text FROM stage2.events WHERE job_id = @id ORDER BY line, trigger_start");
        command.Parameters.Add(new NpgsqlParameter<string>("id", jobId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<JsonElement>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }

        return events;
    }
}
