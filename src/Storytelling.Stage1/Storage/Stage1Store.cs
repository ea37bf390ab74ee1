using System.Runtime.CompilerServices;
using Npgsql;
using Storytelling.Articles;
using Storytelling.Cleaning.Duplicates;
using Storytelling.Stage1.Storage.Internal;
using Storytelling.Storage;

namespace Storytelling.Stage1.Storage;

/// <summary>
/// Stage 1's PostgreSQL store (schema <c>stage1</c>, ADR 7): jobs with their counters, cleaned documents with their
/// duplicate groups, rejections, and the MinHash band keys that find near-duplicates across workers. Every write is
/// keyed on (job id, line) and safe to repeat: a repeated outcome changes no count. Thread-safe.
/// </summary>
public sealed class Stage1Store
{
    public const string Schema = "stage1";
    private const string MigrationsPrefix = "Storytelling.Stage1.Storage.Migrations";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly OutcomeBatchWriter _outcomes;

    /// <param name="dataSource">The process's data source; the schema must be migrated (<see cref="MigrateAsync"/>).</param>
    /// <param name="minHasher">Compares signatures; its options (threshold, permutations, bands) must be the workers'.</param>
    /// <param name="timeProvider">The clock for <c>started_at</c> and a failed job's <c>completed_at</c>.</param>
    public Stage1Store(NpgsqlDataSource dataSource, MinHasher minHasher, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(minHasher);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _dataSource = dataSource;
        _timeProvider = timeProvider;
        _outcomes = new OutcomeBatchWriter(dataSource, minHasher);
    }

    /// <summary>Creates or updates the <c>stage1</c> schema; returns the migrations this call applied.</summary>
    public static Task<IReadOnlyList<AppliedMigration>> MigrateAsync(PostgresMigrator migrator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migrator);
        return migrator.MigrateAsync(Schema, typeof(Stage1Store).Assembly, MigrationsPrefix, cancellationToken);
    }

    /// <summary>Stores a new job in state <c>queued</c>. A job id can be used once: a second create is an error naming it.</summary>
    public async Task CreateJobAsync(NewJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrEmpty(job.Id, nameof(job));
        ArgumentNullException.ThrowIfNull(job.BatchId, nameof(job));
        ArgumentNullException.ThrowIfNull(job.InputName, nameof(job));
        if (job.Concurrency < 1)
        {
            throw new ArgumentException($"Job {job.Id}: concurrency must be at least 1 (was {job.Concurrency}).", nameof(job));
        }

        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO stage1.jobs (id, batch_id, concurrency, input_name, state, created_at)
            VALUES (@id, @batch_id, @concurrency, @input_name, 'queued', @created_at)
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("id", PostgresText.Clean(job.Id)));
        command.Parameters.Add(new NpgsqlParameter<string>("batch_id", PostgresText.Clean(job.BatchId)));
        command.Parameters.Add(new NpgsqlParameter<int>("concurrency", job.Concurrency));
        command.Parameters.Add(new NpgsqlParameter<string>("input_name", PostgresText.Clean(job.InputName)));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created_at", job.CreatedAt.ToUniversalTime()));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException(
                $"Job {job.Id} already exists in stage1.jobs; a job id is used once (submit with a new id).", e);
        }
    }

    /// <summary>
    /// Stores lines the input reader rejected as the job's rejections (stage <c>input</c>), counting only rows not
    /// stored before (keyed on line). Best called before <see cref="MarkSubmittedAsync"/>; if called after, the
    /// submitted count grows by the same number, so completion still waits for every work item.
    /// </summary>
    public async Task<JobProgress> AddInputRejectionsAsync(string jobId, IReadOnlyList<RejectedRecord> rejections, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(rejections);
        var ordered = rejections.OrderBy(r => r.Line).ToList();
        await using var command = _dataSource.CreateCommand(
            $"""
            WITH job AS (
                SELECT id FROM stage1.jobs WHERE id = @job_id
            ), inserted AS (
                INSERT INTO stage1.rejections (job_id, line, stage, code, reason, excerpt)
                SELECT job.id, r.line, 'input', r.code, r.reason, r.excerpt
                FROM job, unnest(@lines::bigint[], @codes::text[], @reasons::text[], @excerpts::text[]) WITH ORDINALITY
                    AS r(line, code, reason, excerpt, ord)
                ORDER BY r.ord
                ON CONFLICT (job_id, line) DO NOTHING
                RETURNING 1
            )
            UPDATE stage1.jobs j
            SET rejected = j.rejected + n.count, submitted = j.submitted + n.count
            FROM (SELECT count(*) AS count FROM inserted) n
            WHERE j.id = @job_id
            RETURNING {JobColumns.Progress}
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", PostgresText.Clean(jobId)));
        command.Parameters.Add(new NpgsqlParameter<long[]>("lines", [.. ordered.Select(r => r.Line)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("codes", [.. ordered.Select(r => PostgresText.Clean(r.Code))]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("reasons", [.. ordered.Select(r => PostgresText.Clean(r.Reason))]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("excerpts", [.. ordered.Select(r => PostgresText.Clean(r.Excerpt))]));
        return await ReadProgressOrThrowAsync(command, jobId, "add input rejections to", cancellationToken);
    }

    /// <summary>
    /// Records that every work item of the job is on the stream: <see cref="JobProgress.Submitted"/> becomes
    /// <paramref name="workItems"/> plus the job's stored input rejections, the state <c>running</c>, and
    /// <c>started_at</c> now (kept if already set). Repeating the call with the same count changes nothing else.
    /// Workers may have stored every outcome before this call: when the returned progress
    /// <see cref="JobProgress.IsComplete"/>, no worker will finish the job, so the caller must.
    /// </summary>
    public async Task<JobProgress> MarkSubmittedAsync(string jobId, long workItems, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentOutOfRangeException.ThrowIfNegative(workItems);
        await using var command = _dataSource.CreateCommand(
            $"""
            UPDATE stage1.jobs j
            SET submitted = @work_items + (SELECT count(*) FROM stage1.rejections r WHERE r.job_id = j.id AND r.stage = 'input'),
                state = 'running',
                started_at = coalesce(j.started_at, @now)
            WHERE j.id = @job_id AND j.state IN ('queued', 'running')
            RETURNING {JobColumns.Progress}
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", PostgresText.Clean(jobId)));
        command.Parameters.Add(new NpgsqlParameter<long>("work_items", workItems));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", _timeProvider.GetUtcNow()));
        return await ReadProgressOrThrowAsync(command, jobId, "mark submitted", cancellationToken);
    }

    /// <summary>Marks the job failed with the error (and <c>completed_at</c> now). A completed job cannot fail: that is an error.</summary>
    public async Task MarkFailedAsync(string jobId, string error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentException.ThrowIfNullOrEmpty(error);
        await using var command = _dataSource.CreateCommand(
            $"""
            UPDATE stage1.jobs SET state = 'failed', error = @error, completed_at = @now
            WHERE id = @job_id AND state <> 'completed'
            RETURNING {JobColumns.Progress}
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", PostgresText.Clean(jobId)));
        command.Parameters.Add(new NpgsqlParameter<string>("error", PostgresText.Clean(error)));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", _timeProvider.GetUtcNow()));
        await ReadProgressOrThrowAsync(command, jobId, "mark failed", cancellationToken);
    }

    /// <summary>The job with its counters, timings and its first <paramref name="firstRejections"/> rejections by line; null when there is no such job.</summary>
    public async Task<JobRecord?> GetJobAsync(string jobId, int firstRejections, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentOutOfRangeException.ThrowIfNegative(firstRejections);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var job = new NpgsqlBatchCommand(
            """
            SELECT id, batch_id, concurrency, input_name, state, submitted, cleaned, rejected, duplicates, error,
                   created_at, started_at, completed_at
            FROM stage1.jobs WHERE id = @job_id
            """);
        job.Parameters.Add(new NpgsqlParameter<string>("job_id", PostgresText.Clean(jobId)));
        var rejections = new NpgsqlBatchCommand(
            "SELECT line, stage, code, reason FROM stage1.rejections WHERE job_id = @job_id ORDER BY line LIMIT @limit");
        rejections.Parameters.Add(new NpgsqlParameter<string>("job_id", PostgresText.Clean(jobId)));
        rejections.Parameters.Add(new NpgsqlParameter<int>("limit", firstRejections));
        batch.BatchCommands.Add(job);
        batch.BatchCommands.Add(rejections);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var record = new JobRecord(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetInt32(2),
            reader.GetString(3),
            StoredNames.ParseJobState(reader.GetString(4)),
            reader.IsDBNull(5) ? null : reader.GetInt64(5),
            reader.GetInt64(6),
            reader.GetInt64(7),
            reader.GetInt64(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.GetFieldValue<DateTimeOffset>(10),
            reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
            reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
            []);
        await reader.NextResultAsync(cancellationToken);
        var list = new List<JobRejection>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new JobRejection(reader.GetInt64(0), StoredNames.ParseRejectionStage(reader.GetString(1)), reader.GetString(2), reader.GetString(3)));
        }

        return record with { FirstRejections = list };
    }

    /// <summary>
    /// Stores a batch of outcomes in one transaction: documents (with their duplicate match, found against every
    /// document stored before, of any job, and earlier in this batch), rejections and band keys, each keyed on
    /// (job id, line) so a repeated outcome inserts nothing; the job counters grow by the rows actually inserted.
    /// Concurrent writers of near-duplicates are serialised on their shared band keys, so exactly one is the original.
    /// </summary>
    /// <returns>One <see cref="WrittenOutcome"/> per outcome in the given order, and every touched job's progress after the commit.</returns>
    public Task<OutcomeBatchResult> WriteOutcomesAsync(IReadOnlyList<DocumentOutcome> outcomes, CancellationToken cancellationToken) =>
        _outcomes.WriteAsync(outcomes, cancellationToken);

    /// <summary>The job's cleaned documents in line order, streamed (one connection held while enumerating).</summary>
    public async IAsyncEnumerable<StoredDocument> ReadJobDocumentsAsync(
        string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var command = _dataSource.CreateCommand(
            $"SELECT {DocumentColumns.Select} FROM stage1.documents WHERE job_id = @job_id ORDER BY line");
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", PostgresText.Clean(jobId)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return DocumentColumns.Read(reader);
        }
    }

    /// <summary>One cleaned document of a job by its document id; null when the job has no such document.</summary>
    public async Task<StoredDocument?> GetDocumentAsync(string jobId, string documentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        await using var command = _dataSource.CreateCommand(
            $"SELECT {DocumentColumns.Select} FROM stage1.documents WHERE document_id = @document_id AND job_id = @job_id ORDER BY line LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", PostgresText.Clean(jobId)));
        command.Parameters.Add(new NpgsqlParameter<string>("document_id", PostgresText.Clean(documentId)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DocumentColumns.Read(reader) : null;
    }

    /// <summary>The cleaned document of a job's input line; null when that line has no cleaned document.</summary>
    public async Task<StoredDocument?> GetDocumentAtLineAsync(string jobId, long line, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var command = _dataSource.CreateCommand(
            $"SELECT {DocumentColumns.Select} FROM stage1.documents WHERE job_id = @job_id AND line = @line");
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", PostgresText.Clean(jobId)));
        command.Parameters.Add(new NpgsqlParameter<long>("line", line));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DocumentColumns.Read(reader) : null;
    }

    /// <summary>
    /// Marks the job completed when every submitted record has an outcome and it is running; true for exactly one
    /// caller however many race, false when the job is not complete yet, already completed, failed or unknown.
    /// </summary>
    public async Task<bool> TryCompleteAsync(string jobId, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var command = _dataSource.CreateCommand(
            """
            UPDATE stage1.jobs SET state = 'completed', completed_at = @completed_at
            WHERE id = @job_id AND state = 'running' AND submitted IS NOT NULL AND cleaned + rejected >= submitted
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", PostgresText.Clean(jobId)));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("completed_at", completedAt.ToUniversalTime()));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The job's counters and state; null when there is no such job.</summary>
    public async Task<JobProgress?> GetProgressAsync(string jobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var command = _dataSource.CreateCommand($"SELECT {JobColumns.Progress} FROM stage1.jobs WHERE id = @job_id");
        command.Parameters.Add(new NpgsqlParameter<string>("job_id", PostgresText.Clean(jobId)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? JobColumns.ReadProgress(reader) : null;
    }

    /// <summary>Runs an UPDATE ... RETURNING progress; no row means the job is missing or in a state the change does not apply to.</summary>
    private async Task<JobProgress> ReadProgressOrThrowAsync(NpgsqlCommand command, string jobId, string action, CancellationToken cancellationToken)
    {
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                return JobColumns.ReadProgress(reader);
            }
        }

        var progress = await GetProgressAsync(jobId, cancellationToken);
        throw progress is null
            ? new InvalidOperationException($"Cannot {action} job {jobId}: stage1.jobs holds no such job.")
            : new InvalidOperationException(
                $"Cannot {action} job {jobId}: it is {StoredNames.Of(progress.State)}, and a {StoredNames.Of(progress.State)} job does not change.");
    }
}
