using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Storytelling.Metadata.Internal;

/// <summary>
/// The durable local outbox of one process (ADR 9): a SQLite file in WAL mode holding the writes the registry has not
/// delivered yet, in the order they were made. The file is held with an exclusive lock while its process lives, so a
/// process that finds an unlocked outbox in the folder knows its owner is gone and may deliver it (<see cref="TryAdopt"/>).
/// A commit survives the process crashing (<c>synchronous = NORMAL</c>); a power cut may lose the last ones.
/// </summary>
internal sealed class MetadataOutbox : IDisposable
{
    public const string FileSuffix = ".outbox.db";

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

    /// <summary>Entries waiting for delivery.</summary>
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
            insert.CommandText = "INSERT INTO outbox (stage, kind, job_id, payload, created_ms) VALUES ($stage, $kind, $job, $payload, $created)";
            var stage = insert.Parameters.Add("$stage", SqliteType.Text);
            var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
            var job = insert.Parameters.Add("$job", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Text);
            insert.Parameters.AddWithValue("$created", nowMs);
            foreach (var write in writes)
            {
                stage.Value = write.Stage;
                kind.Value = (int)write.Kind;
                job.Value = write.JobId;
                payload.Value = write.Payload;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            if (Interlocked.Read(ref _pending) == 0)
            {
                Interlocked.Exchange(ref _oldestCreatedMs, nowMs);
            }

            Interlocked.Add(ref _pending, writes.Count);
        }
    }

    /// <summary>The oldest <paramref name="max"/> entries, in order.</summary>
    public IReadOnlyList<OutboxEntry> Peek(int max)
    {
        lock (_gate)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT seq, stage, kind, job_id, payload, created_ms FROM outbox ORDER BY seq LIMIT $max";
            select.Parameters.AddWithValue("$max", max);
            using var reader = select.ExecuteReader();
            var entries = new List<OutboxEntry>();
            while (reader.Read())
            {
                entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), (OutboxKind)reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5)));
            }

            return entries;
        }
    }

    /// <summary>Deletes the delivered entries, up to and including <paramref name="seq"/>.</summary>
    public void RemoveThrough(long seq)
    {
        lock (_gate)
        {
            using (var delete = _connection.CreateCommand())
            {
                delete.CommandText = "DELETE FROM outbox WHERE seq <= $seq";
                delete.Parameters.AddWithValue("$seq", seq);
                Interlocked.Add(ref _pending, -delete.ExecuteNonQuery());
            }

            using var oldest = _connection.CreateCommand();
            oldest.CommandText = "SELECT created_ms FROM outbox ORDER BY seq LIMIT 1";
            Interlocked.Exchange(ref _oldestCreatedMs, oldest.ExecuteScalar() is long created ? created : 0);
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
                    "job_id TEXT NOT NULL, payload TEXT NOT NULL, created_ms INTEGER NOT NULL); " +
                    "COMMIT;";
                setup.ExecuteNonQuery();
            }

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

    private void RefreshCounts()
    {
        using var count = _connection.CreateCommand();
        count.CommandText = "SELECT count(*), coalesce(min(created_ms), 0) FROM outbox";
        using var reader = count.ExecuteReader();
        reader.Read();
        Interlocked.Exchange(ref _pending, reader.GetInt64(0));
        Interlocked.Exchange(ref _oldestCreatedMs, reader.GetInt64(1));
    }
}
