using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Storytelling.Metadata.Internal;

/// <summary>
/// The durable local outbox of one process (ADR 9): a SQLite file in WAL mode holding the writes the registry has not
/// delivered yet, in the order they were made. The file is held with an exclusive lock while its process lives, so a
/// process that finds an unlocked outbox in the folder knows its owner is gone and may deliver it (<see cref="TryAdopt"/>).
/// A commit survives the process crashing (<c>synchronous = NORMAL</c>); a power cut may lose the last ones.
/// One call's writes of one kind and job share a row (their JSON records one per line, <c>rows</c> of them, at most
/// <see cref="MaxRecordsPerRow"/>), so a batch of documents or a document's events costs one row, not one per record;
/// <see cref="Peek"/> hands them out one entry per record.
/// </summary>
internal sealed class MetadataOutbox : IDisposable
{
    public const string FileSuffix = ".outbox.db";

    /// <summary>Most records stored in one row.</summary>
    public const int MaxRecordsPerRow = 1000;

    /// <summary>An entry's <see cref="OutboxEntry.Seq"/> is its row's seq times this plus its place in the row.</summary>
    private const long RecordsPerSeq = 1 << 20;

    /// <summary>The outboxes this process holds open (never taken for another process's).</summary>
    private static readonly ConcurrentDictionary<string, byte> OpenHere = new(StringComparer.Ordinal);

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private long _pending;
    private long _oldestCreatedMs;

    static MetadataOutbox() => SQLitePCL.Batteries_V2.Init();

    private MetadataOutbox(SqliteConnection connection, string file)
    {
        _connection = connection;
        File = file;
    }

    public string File { get; }

    /// <summary>Records waiting for delivery.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>When the oldest waiting entry was written (Unix ms), or 0 when none waits.</summary>
    public long OldestCreatedMs => Interlocked.Read(ref _oldestCreatedMs);

    /// <summary>Creates this process's outbox in <paramref name="directory"/> (a new file: <c>registry-&lt;pid&gt;-&lt;random&gt;.outbox.db</c>).</summary>
    public static MetadataOutbox Create(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"metadata_registry.outbox_dir '{directory}': the registry's outbox folder cannot be created ({e.Message}); " +
                "give a writable folder (STORYTELLING__METADATA_REGISTRY__OUTBOX_DIR)", e);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"registry-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var file = Path.Combine(directory, name[..Math.Min(name.Length, 40)] + FileSuffix);
        return Open(file, busyTimeoutSeconds: 30) ?? throw new InvalidOperationException($"outbox {file} is locked by another process right after it was created");
    }

    /// <summary>
    /// Opens an outbox left in <paramref name="directory"/> by a process that is gone, or returns null when its owner
    /// still holds it (or another process adopted it first).
    /// </summary>
    public static MetadataOutbox? TryAdopt(string file) => Open(file, busyTimeoutSeconds: 0);

    /// <summary>The outbox files in <paramref name="directory"/> that this process does not hold.</summary>
    public static IEnumerable<string> OthersIn(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*" + FileSuffix).Where(f => !OpenHere.ContainsKey(Path.GetFullPath(f))).Order(StringComparer.Ordinal).ToList()
            : [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see PostgresMetadataStore.WriteDocumentRows
    public void Append(IReadOnlyList<PendingWrite> writes, long nowMs)
    {
        if (writes.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO outbox (stage, kind, job_id, payload, created_ms, rows) VALUES ($stage, $kind, $job, $payload, $created, $rows)";
            var stage = insert.Parameters.Add("$stage", SqliteType.Text);
            var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
            var job = insert.Parameters.Add("$job", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Text);
            var rows = insert.Parameters.Add("$rows", SqliteType.Integer);
            insert.Parameters.AddWithValue("$created", nowMs);
            for (var first = 0; first < writes.Count;)
            {
                var end = first + 1;
                while (end < writes.Count && end - first < MaxRecordsPerRow && SameRow(writes[first], writes[end]))
                {
                    end++;
                }

                stage.Value = writes[first].Stage;
                kind.Value = (int)writes[first].Kind;
                job.Value = writes[first].JobId;
                payload.Value = end - first == 1 ? writes[first].Payload : string.Join('\n', writes.Skip(first).Take(end - first).Select(w => w.Payload));
                rows.Value = end - first;
                insert.ExecuteNonQuery();
                first = end;
            }

            transaction.Commit();
            if (Interlocked.Read(ref _pending) == 0)
            {
                Interlocked.Exchange(ref _oldestCreatedMs, nowMs);
            }

            Interlocked.Add(ref _pending, writes.Count);
        }
    }

    /// <summary>
    /// The oldest waiting records, in order: whole rows until <paramref name="max"/> records are reached (at least one
    /// row, even a larger one), one entry per record.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see PostgresMetadataStore.WriteDocumentRows
    public IReadOnlyList<OutboxEntry> Peek(int max)
    {
        lock (_gate)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT seq, stage, kind, job_id, payload, created_ms, rows FROM outbox ORDER BY seq LIMIT $max";
            select.Parameters.AddWithValue("$max", max);
            using var reader = select.ExecuteReader();
            var entries = new List<OutboxEntry>();
            while (entries.Count < max && reader.Read())
            {
                long seq = reader.GetInt64(0);
                string stage = reader.GetString(1), job = reader.GetString(3), payload = reader.GetString(4);
                var kind = (OutboxKind)reader.GetInt32(2);
                long created = reader.GetInt64(5);
                string[] records = reader.GetInt32(6) == 1 ? [payload] : payload.Split('\n');
                for (var i = 0; i < records.Length; i++)
                {
                    entries.Add(new OutboxEntry(seq * RecordsPerSeq + i, stage, kind, job, records[i], created));
                }
            }

            return entries;
        }
    }

    /// <summary>The outbox row an entry's <see cref="OutboxEntry.Seq"/> belongs to (for logs).</summary>
    public static long RowOf(long entrySeq) => entrySeq / RecordsPerSeq;

    /// <summary>Deletes the delivered entries: the rows up to and including the one of entry <paramref name="seq"/>.</summary>
    public void RemoveThrough(long seq)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using (var count = _connection.CreateCommand())
            using (var delete = _connection.CreateCommand())
            {
                count.Transaction = transaction;
                count.CommandText = "SELECT coalesce(sum(rows), 0) FROM outbox WHERE seq <= $seq";
                count.Parameters.AddWithValue("$seq", RowOf(seq));
                var removed = (long)count.ExecuteScalar()!;
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM outbox WHERE seq <= $seq";
                delete.Parameters.AddWithValue("$seq", RowOf(seq));
                delete.ExecuteNonQuery();
                Interlocked.Add(ref _pending, -removed);
            }

            using var oldest = _connection.CreateCommand();
            oldest.Transaction = transaction;
            oldest.CommandText = "SELECT created_ms FROM outbox ORDER BY seq LIMIT 1";
            Interlocked.Exchange(ref _oldestCreatedMs, oldest.ExecuteScalar() is long created ? created : 0);
            transaction.Commit();
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        OpenHere.TryRemove(Path.GetFullPath(File), out _);
    }

    /// <summary>Closes the outbox and deletes its file (an adopted outbox, once delivered).</summary>
    public void DisposeAndDelete()
    {
        Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            System.IO.File.Delete(File + suffix);
        }
    }

    private static MetadataOutbox? Open(string file, int busyTimeoutSeconds)
    {
        var path = Path.GetFullPath(file);
        if (!OpenHere.TryAdd(path, 0))
        {
            return null;
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = busyTimeoutSeconds,
        }.ToString());
        try
        {
            connection.Open();
            using (var setup = connection.CreateCommand())
            {
                // Exclusive locking before WAL: the lock is taken by the first write below and held until the connection closes.
                setup.CommandText =
                    "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; " +
                    "BEGIN IMMEDIATE; " +
                    "CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, stage TEXT NOT NULL, kind INTEGER NOT NULL, " +
                    "job_id TEXT NOT NULL, payload TEXT NOT NULL, created_ms INTEGER NOT NULL, rows INTEGER NOT NULL DEFAULT 1); " +
                    "COMMIT;";
                setup.ExecuteNonQuery();
            }

            AddRowsColumn(connection);

            var outbox = new MetadataOutbox(connection, file);
            outbox.RefreshCounts();
            return outbox;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            // SQLITE_BUSY / SQLITE_LOCKED: a live process holds this outbox.
            connection.Dispose();
            OpenHere.TryRemove(path, out _);
            return null;
        }
        catch
        {
            connection.Dispose();
            OpenHere.TryRemove(path, out _);
            throw;
        }
    }

    /// <summary>An outbox written before records shared rows has one record per row: the column defaults to 1.</summary>
    private static void AddRowsColumn(SqliteConnection connection)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('outbox') WHERE name = 'rows'";
        if ((long)columns.ExecuteScalar()! == 0)
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE outbox ADD COLUMN rows INTEGER NOT NULL DEFAULT 1";
            alter.ExecuteNonQuery();
        }
    }

    private static bool SameRow(PendingWrite a, PendingWrite b) =>
        a.Kind == b.Kind && string.Equals(a.Stage, b.Stage, StringComparison.Ordinal) && string.Equals(a.JobId, b.JobId, StringComparison.Ordinal);

    private void RefreshCounts()
    {
        using var count = _connection.CreateCommand();
        count.CommandText = "SELECT coalesce(sum(rows), 0), coalesce(min(created_ms), 0) FROM outbox";
        using var reader = count.ExecuteReader();
        reader.Read();
        Interlocked.Exchange(ref _pending, reader.GetInt64(0));
        Interlocked.Exchange(ref _oldestCreatedMs, reader.GetInt64(1));
    }
}
