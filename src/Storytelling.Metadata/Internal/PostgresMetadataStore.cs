using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Storytelling.Storage;

namespace Storytelling.Metadata.Internal;

/// <summary>
/// The PostgreSQL primary (schema <see cref="Schema"/>): jobs and run history as upserts in one batch, documents and
/// events by binary COPY into a temporary table and one <c>INSERT ... ON CONFLICT</c> (the latest entry of an id wins; a
/// document field it leaves empty keeps the stored value, so Stage 2's partial view never erases what Stage 1 recorded),
/// storyline assignments from arrays; all entries of one call in one transaction.
/// </summary>
internal sealed class PostgresMetadataStore(NpgsqlDataSource dataSource) : IMetadataStore
{
    public const string Schema = "registry";

    private const string MigrationsPrefix = "Storytelling.Metadata.Migrations";

    private const string JobColumns =
        "job_key, stage, status, batch_id, document_count, metadata::text, created_at, updated_at, completed_at, error_message";

    private const string DocumentColumns = "document_id, job_key, title, author, publication_date, source, url, language, content_hash";

    private const string EventColumns = "event_id, document_id, job_key, event_type, event_date, description, storyline_id";

    public static Task<IReadOnlyList<AppliedMigration>> MigrateAsync(PostgresMigrator migrator, CancellationToken cancellationToken) =>
        migrator.MigrateAsync(Schema, typeof(PostgresMetadataStore).Assembly, MigrationsPrefix, cancellationToken);

    /// <summary>The registry's migrations not yet applied, changing nothing.</summary>
    public static Task<IReadOnlyList<AppliedMigration>> PendingAsync(PostgresMigrator migrator, CancellationToken cancellationToken) =>
        migrator.PendingAsync(Schema, typeof(PostgresMetadataStore).Assembly, MigrationsPrefix, cancellationToken);

    public async Task<IReadOnlyList<JobMetadata>> ApplyAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var touched = new List<JobMetadata>();
        // One statement run per kind, in seq order within it. The kinds are independent of each other's order: documents
        // and events are separate tables, and a storyline assignment and an event write of the same id merge either way
        // round (the event keeps a stored storyline it does not carry). Per-kind runs matter: a stage writes a document,
        // then its events, then the next document, so runs taken in outbox order were two per document, each paying
        // its own temporary-table COPY and upsert (a 100-document batch cost PostgreSQL about a CPU-second).
        foreach (var run in entries.GroupBy(e => e.Kind).OrderBy(g => g.Key))
        {
            var rows = run.ToList();
            switch (run.Key)
            {
                case OutboxKind.Job:
                    touched.AddRange(await UpsertJobsAsync(connection, transaction, rows, cancellationToken));
                    break;
                case OutboxKind.Document:
                    await CopyDocumentsAsync(connection, transaction, rows, cancellationToken);
                    break;
                case OutboxKind.Event:
                    await CopyEventsAsync(connection, transaction, rows, cancellationToken);
                    break;
                case OutboxKind.Storyline:
                    await AssignStorylinesAsync(connection, transaction, rows, cancellationToken);
                    break;
                default:
                    throw new InvalidDataException($"outbox entry {rows[0].Seq}: unknown kind {(int)run.Key}");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        // The last state of each job in this batch (a job may be registered and finished in one batch).
        return [.. touched.GroupBy(j => (j.JobId, j.Stage)).Select(g => g.Last())];
    }

    public async Task<JobMetadata?> GetJobAsync(string jobId, string stage, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {JobColumns} FROM {Schema}.job_registry WHERE job_id = $1 AND stage = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = RegistryIds.JobUuid(jobId) });
        command.Parameters.Add(new NpgsqlParameter { Value = stage });
        var jobs = await ReadAsync(command, ReadJob, cancellationToken);
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task<IReadOnlyList<JobMetadata>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {JobColumns} FROM {Schema}.job_registry
            WHERE ($1::text IS NULL OR stage = $1) AND ($2::text IS NULL OR status = $2)
              AND ($3::timestamptz IS NULL OR created_at >= $3) AND ($4::timestamptz IS NULL OR created_at < $4)
            ORDER BY created_at DESC, job_id, stage LIMIT $5
            """);
        Add(command, query.Stage, query.Status, query.From, query.To, query.Limit);
        return await ReadAsync(command, ReadJob, cancellationToken);
    }

    public async Task<IReadOnlyList<DocumentMetadata>> DocumentsOfJobAsync(string jobId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {DocumentColumns} FROM {Schema}.document_metadata WHERE job_id = $1 ORDER BY document_id LIMIT $2");
        Add(command, RegistryIds.JobUuid(jobId), limit);
        return await ReadAsync(command, ReadDocument, cancellationToken);
    }

    public async Task<IReadOnlyList<EventMetadata>> ListEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {EventColumns} FROM {Schema}.event_metadata
            WHERE ($1::text IS NULL OR document_id = $1) AND ($2::text IS NULL OR event_type = $2)
              AND ($3::timestamptz IS NULL OR event_date >= $3) AND ($4::timestamptz IS NULL OR event_date < $4)
              AND ($5::text IS NULL OR storyline_id = $5)
            ORDER BY event_date NULLS LAST, event_id LIMIT $6
            """);
        Add(command, query.DocumentId, query.EventType, query.From, query.To, query.StorylineId, query.Limit);
        return await ReadAsync(command, ReadEvent, cancellationToken);
    }

    public async Task<Lineage> LineageAsync(string? documentId, string? storylineId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var events = new NpgsqlCommand(
            $"""
            SELECT {EventColumns} FROM {Schema}.event_metadata
            WHERE ($1::text IS NOT NULL AND document_id = $1) OR ($2::text IS NOT NULL AND storyline_id = $2)
            ORDER BY event_date NULLS LAST, event_id
            """, connection);
        Add(events, documentId, storylineId);
        var eventRows = await ReadAsync(events, ReadEvent, cancellationToken);
        string[] documentIds = documentId is not null ? [documentId] : [.. eventRows.Select(e => e.DocumentId).Distinct(StringComparer.Ordinal)];

        await using var documents = new NpgsqlCommand(
            $"SELECT {DocumentColumns} FROM {Schema}.document_metadata WHERE document_id = ANY($1) ORDER BY document_id, job_key", connection);
        Add(documents, (object)documentIds);
        var documentRows = await ReadAsync(documents, ReadDocument, cancellationToken);

        await using var jobs = new NpgsqlCommand(
            $"SELECT {JobColumns} FROM {Schema}.job_registry WHERE job_id = ANY($1) ORDER BY created_at, stage", connection);
        Add(jobs, documentRows.Select(d => RegistryIds.JobUuid(d.JobId)).Distinct().ToArray());
        var jobRows = await ReadAsync(jobs, ReadJob, cancellationToken);
        return new Lineage(jobRows, documentRows, eventRows,
            [.. eventRows.Select(e => e.StorylineId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    public async Task<IReadOnlyList<RunRecord>> RunsAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT run_id, job_key, stage, event_type, event_time, document_count, error_message FROM {Schema}.run_history
            WHERE job_id = $1 ORDER BY event_time, stage, event_type DESC
            """);
        Add(command, RegistryIds.JobUuid(jobId));
        return await ReadAsync(command, r => new RunRecord(
            r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
            r.IsDBNull(5) ? null : r.GetInt64(5), r.IsDBNull(6) ? null : r.GetString(6)), cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<IReadOnlyList<JobMetadata>> UpsertJobsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<OutboxEntry> run, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var jobs = run.Select(e => RegistryJson.Read<JobMetadata>(e)).ToList();
        foreach (var job in jobs)
        {
            var id = RegistryIds.JobUuid(job.JobId);
            var upsert = new NpgsqlBatchCommand(
                $"""
                INSERT INTO {Schema}.job_registry AS j
                    (job_id, stage, job_key, status, batch_id, document_count, metadata, created_at, updated_at, completed_at, error_message)
                VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11)
                ON CONFLICT (job_id, stage) DO UPDATE SET
                    status = CASE WHEN j.status IN ('completed', 'failed') AND EXCLUDED.status = 'running' THEN j.status ELSE EXCLUDED.status END,
                    batch_id = COALESCE(EXCLUDED.batch_id, j.batch_id),
                    document_count = COALESCE(EXCLUDED.document_count, j.document_count),
                    metadata = j.metadata || EXCLUDED.metadata,
                    created_at = LEAST(j.created_at, EXCLUDED.created_at),
                    updated_at = GREATEST(j.updated_at, EXCLUDED.updated_at),
                    completed_at = COALESCE(EXCLUDED.completed_at, j.completed_at),
                    error_message = COALESCE(EXCLUDED.error_message, j.error_message)
                """);
            AddTo(upsert.Parameters, id, job.Stage, Text(job.JobId), job.Status, Text(job.BatchId), job.DocumentCount,
                JsonSerializer.Serialize(job.Metadata), job.CreatedAt, job.UpdatedAt, job.CompletedAt, Text(job.ErrorMessage));
            batch.BatchCommands.Add(upsert);

            var history = new NpgsqlBatchCommand(
                $"""
                INSERT INTO {Schema}.run_history (run_id, job_id, job_key, stage, event_type, event_time, document_count, error_message)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (run_id, event_type) DO NOTHING
                """);
            var eventType = job.Status switch
            {
                JobStatuses.Completed => "COMPLETE",
                JobStatuses.Failed => "FAIL",
                _ => "START",
            };
            AddTo(history.Parameters, RegistryIds.RunUuid(job.JobId, job.Stage), id, Text(job.JobId), job.Stage, eventType,
                job.UpdatedAt, job.DocumentCount, Text(job.ErrorMessage));
            batch.BatchCommands.Add(history);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);

        await using var read = new NpgsqlCommand(
            $"SELECT {JobColumns} FROM {Schema}.job_registry WHERE (job_id, stage) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))",
            connection, transaction);
        Add(read, jobs.Select(j => RegistryIds.JobUuid(j.JobId)).ToArray(), jobs.Select(j => j.Stage).ToArray());
        return await ReadAsync(read, ReadJob, cancellationToken);
    }

    private static async Task CopyDocumentsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<OutboxEntry> run, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction,
            """
            CREATE TEMP TABLE IF NOT EXISTS registry_document_in (
                seq bigint, document_id text, job_id uuid, job_key text, title text, author text, publication_date timestamptz,
                source text, url text, language text, content_hash text) ON COMMIT DELETE ROWS
            """, cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY registry_document_in (seq, document_id, job_id, job_key, title, author, publication_date, source, url, language, content_hash) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            WriteDocumentRows(copy, run);
            await copy.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction,
            $"""
            INSERT INTO {Schema}.document_metadata AS d
                (document_id, job_id, job_key, title, author, publication_date, source, url, language, content_hash, updated_at)
            SELECT DISTINCT ON (document_id, job_id)
                document_id, job_id, job_key, title, author, publication_date, source, url, language, content_hash, now()
            FROM registry_document_in ORDER BY document_id, job_id, seq DESC
            ON CONFLICT (document_id, job_id) DO UPDATE SET
                job_key = EXCLUDED.job_key, title = COALESCE(EXCLUDED.title, d.title), author = COALESCE(EXCLUDED.author, d.author),
                publication_date = COALESCE(EXCLUDED.publication_date, d.publication_date), source = COALESCE(EXCLUDED.source, d.source),
                url = COALESCE(EXCLUDED.url, d.url), language = COALESCE(EXCLUDED.language, d.language),
                content_hash = COALESCE(EXCLUDED.content_hash, d.content_hash), updated_at = EXCLUDED.updated_at
            """, cancellationToken);
    }

    private static async Task CopyEventsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<OutboxEntry> run, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction,
            """
            CREATE TEMP TABLE IF NOT EXISTS registry_event_in (
                seq bigint, event_id text, document_id text, job_key text, event_type text, event_date timestamptz, description text,
                storyline_id text) ON COMMIT DELETE ROWS
            """, cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY registry_event_in (seq, event_id, document_id, job_key, event_type, event_date, description, storyline_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            WriteEventRows(copy, run);
            await copy.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction,
            $"""
            INSERT INTO {Schema}.event_metadata AS e
                (event_id, document_id, job_key, event_type, event_date, description, storyline_id, updated_at)
            SELECT DISTINCT ON (event_id) event_id, document_id, job_key, event_type, event_date, description, storyline_id, now()
            FROM registry_event_in ORDER BY event_id, seq DESC
            ON CONFLICT (event_id) DO UPDATE SET
                document_id = EXCLUDED.document_id, job_key = EXCLUDED.job_key, event_type = EXCLUDED.event_type,
                event_date = EXCLUDED.event_date, description = EXCLUDED.description,
                storyline_id = COALESCE(EXCLUDED.storyline_id, e.storyline_id), updated_at = EXCLUDED.updated_at
            """, cancellationToken);
    }

    // The row loops run a few times a delivery, thousands of records each: compiled optimised at once, instead of starting
    // unoptimised and being tiered up only after about 30 deliveries (bench registry bulk rows: about +10 %, near the noise).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteDocumentRows(NpgsqlBinaryImporter copy, List<OutboxEntry> run)
    {
        foreach (var entry in run)
        {
            var d = RegistryJson.Read<DocumentMetadata>(entry);
            copy.StartRow();
            copy.Write(entry.Seq, NpgsqlDbType.Bigint);
            copy.Write(Text(d.DocumentId), NpgsqlDbType.Text);
            copy.Write(RegistryIds.JobUuid(d.JobId), NpgsqlDbType.Uuid);
            copy.Write(Text(d.JobId), NpgsqlDbType.Text);
            Write(copy, Text(d.Title), NpgsqlDbType.Text);
            Write(copy, Text(d.Author), NpgsqlDbType.Text);
            Write(copy, d.PublicationDate, NpgsqlDbType.TimestampTz);
            Write(copy, Text(d.Source), NpgsqlDbType.Text);
            Write(copy, Text(d.Url), NpgsqlDbType.Text);
            Write(copy, Text(d.Language), NpgsqlDbType.Text);
            Write(copy, Text(d.ContentHash), NpgsqlDbType.Text);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteEventRows(NpgsqlBinaryImporter copy, List<OutboxEntry> run)
    {
        foreach (var entry in run)
        {
            var e = RegistryJson.Read<EventMetadata>(entry);
            copy.StartRow();
            copy.Write(entry.Seq, NpgsqlDbType.Bigint);
            copy.Write(Text(e.EventId), NpgsqlDbType.Text);
            copy.Write(Text(e.DocumentId), NpgsqlDbType.Text);
            copy.Write(Text(e.JobId), NpgsqlDbType.Text);
            Write(copy, Text(e.EventType), NpgsqlDbType.Text);
            Write(copy, e.EventDate, NpgsqlDbType.TimestampTz);
            Write(copy, Text(e.Description), NpgsqlDbType.Text);
            Write(copy, Text(e.StorylineId), NpgsqlDbType.Text);
        }
    }

    private static async Task AssignStorylinesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<OutboxEntry> run, CancellationToken cancellationToken)
    {
        var assignments = run.Select(e => (e.Seq, Row: RegistryJson.Read<StorylineAssignment>(e))).ToList();
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {Schema}.event_metadata AS e (event_id, document_id, job_key, storyline_id, updated_at)
            SELECT DISTINCT ON (event_id) event_id, document_id, job_key, storyline_id, now()
            FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(seq, event_id, document_id, job_key, storyline_id)
            ORDER BY event_id, seq DESC
            ON CONFLICT (event_id) DO UPDATE SET storyline_id = EXCLUDED.storyline_id, updated_at = EXCLUDED.updated_at
            """, connection, transaction);
        Add(command,
            assignments.Select(a => a.Seq).ToArray(),
            assignments.Select(a => Text(a.Row.EventId)).ToArray(),
            assignments.Select(a => Text(a.Row.DocumentId)).ToArray(),
            assignments.Select(a => Text(a.Row.JobId)).ToArray(),
            assignments.Select(a => Text(a.Row.StorylineId)).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static JobMetadata ReadJob(NpgsqlDataReader r) => new()
    {
        JobId = r.GetString(0),
        Stage = r.GetString(1),
        Status = r.GetString(2),
        BatchId = r.IsDBNull(3) ? null : r.GetString(3),
        DocumentCount = r.IsDBNull(4) ? null : r.GetInt64(4),
        Metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(5)) ?? [],
        CreatedAt = r.GetFieldValue<DateTimeOffset>(6),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(7),
        CompletedAt = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
        ErrorMessage = r.IsDBNull(9) ? null : r.GetString(9),
    };

    private static DocumentMetadata ReadDocument(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), Nullable(r, 2), Nullable(r, 3), r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
        Nullable(r, 5), Nullable(r, 6), Nullable(r, 7), Nullable(r, 8));

    private static EventMetadata ReadEvent(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), Nullable(r, 2) ?? "", Nullable(r, 3), r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
        Nullable(r, 5), Nullable(r, 6));

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task<IReadOnlyList<T>> ReadAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Writes one field into the COPY buffer. Synchronous on purpose: the importer only fills its buffer here and
    /// sends when it is full, and eleven awaits per row cost more than the rows themselves (the deliverer runs on its
    /// own background loop).
    /// </summary>
    private static void Write<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    private static void Add(NpgsqlCommand command, params object?[] values) => AddTo(command.Parameters, values);

    private static void AddTo(NpgsqlParameterCollection parameters, params object?[] values)
    {
        foreach (var value in values)
        {
            parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }

    /// <summary>PostgreSQL text cannot hold U+0000: it becomes U+FFFD.</summary>
    private static string? Text(string? value) =>
        value is null || !value.Contains('\0', StringComparison.Ordinal) ? value : value.Replace('\0', '\uFFFD');
}
