using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Cleaning.Duplicates;
using Storytelling.Stories;

namespace Storytelling.Embedded.Storage;

/// <summary>
/// The embedded run's SQLite database (ADR 2: the same shape as the Stage 2 PostgreSQL tables): documents with their
/// annotations, events, event links, storylines and rejected records. The file is replaced at the start of a run.
/// Writes are grouped in transactions of <see cref="DocumentsPerTransaction"/> documents; <see cref="CompleteAsync"/>
/// commits what is left. One writer at a time (the run's story stage).
/// </summary>
public sealed class EmbeddedStore : IAsyncDisposable
{
    public const int SchemaVersion = 1;
    private const int DocumentsPerTransaction = 64;
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;
    private int _documentsInTransaction;

    static EmbeddedStore() => SQLitePCL.Batteries_V2.Init();

    private EmbeddedStore(SqliteConnection connection, string file)
    {
        _connection = connection;
        File = file;
    }

    public string File { get; }

    /// <summary>Creates a fresh database at <paramref name="file"/> (an existing one is deleted) with the schema.</summary>
    public static async Task<EmbeddedStore> CreateAsync(string file, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            System.IO.File.Delete(file + suffix);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var schema = connection.CreateCommand())
        {
            using var reader = new StreamReader(typeof(EmbeddedStore).Assembly.GetManifestResourceStream("Storytelling.Embedded.schema.sql")
                ?? throw new InvalidOperationException("the embedded resource Storytelling.Embedded.schema.sql is missing from the assembly"));
            schema.CommandText = await reader.ReadToEndAsync(cancellationToken) + $"\nINSERT INTO schema_version (version) VALUES ({SchemaVersion});";
            await schema.ExecuteNonQueryAsync(cancellationToken);
        }

        return new EmbeddedStore(connection, file);
    }

    public async Task AddRejectedAsync(RejectedRecord record, string stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await ExecuteAsync(
            "INSERT OR REPLACE INTO rejected (file, line, stage, code, reason) VALUES ($file, $line, $stage, $code, $reason)",
            cancellationToken,
            ("$file", record.File), ("$line", record.Line), ("$stage", stage), ("$code", record.Code), ("$reason", record.Reason));
    }

    /// <summary>
    /// A document after the story stage: its cleaned fields, annotations, events (with cluster ids; <paramref name="eventJson"/>
    /// holds each event's <c>events.jsonl</c> line, in the order of <see cref="StoryDocument.Events"/>) and links.
    /// </summary>
    public async Task AddDocumentAsync(
        long line, CleanedDocument document, DuplicateMatch? duplicate, string annotationsJson, StoryDocument story, StoryUpdate update,
        IReadOnlyList<string> eventJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(update);
        await ExecuteAsync(
            """
            INSERT INTO documents (id, line, title, text, language, content_hash, duplicate_group, duplicate_kind, source, url, published_at, storyline_id, annotations)
            VALUES ($id, $line, $title, $text, $language, $hash, $group, $kind, $source, $url, $published, $storyline, $annotations)
            """,
            cancellationToken,
            ("$id", document.Id), ("$line", line), ("$title", document.Title), ("$text", document.Text), ("$language", document.Language),
            ("$hash", document.ContentHash), ("$group", duplicate?.GroupId), ("$kind", duplicate?.Kind.ToString().ToLowerInvariant()),
            ("$source", document.Source), ("$url", document.Url), ("$published", Date(document.PublishedAt)), ("$storyline", update.StorylineId),
            ("$annotations", annotationsJson));
        ArgumentNullException.ThrowIfNull(eventJson);
        for (var i = 0; i < story.Events.Count; i++)
        {
            var storyEvent = story.Events[i];
            var mention = storyEvent.Mention;
            await ExecuteAsync(
                """
                INSERT INTO events (id, document_id, sentence, trigger_start, trigger_end, trigger_text, lemma, event_type, confidence, when_value, cluster_id, storyline_id, data)
                VALUES ($id, $document, $sentence, $start, $end, $trigger, $lemma, $type, $confidence, $when, $cluster, $storyline, $data)
                """,
                cancellationToken,
                ("$id", storyEvent.Id), ("$document", document.Id), ("$sentence", mention.Sentence), ("$start", mention.TriggerStart),
                ("$end", mention.TriggerEnd), ("$trigger", mention.Trigger), ("$lemma", mention.Lemma), ("$type", Nlp.Events.EventTypes.Name(mention.Type)),
                ("$confidence", (double)mention.Confidence), ("$when", mention.When?.Value), ("$cluster", update.EventClusters[storyEvent.Id]),
                ("$storyline", update.StorylineId), ("$data", eventJson[i]));
        }

        foreach (var link in update.Links)
        {
            await ExecuteAsync(
                "INSERT OR REPLACE INTO event_links (event_a, event_b, score, evidence) VALUES ($a, $b, $score, $evidence)",
                cancellationToken,
                ("$a", link.EventA), ("$b", link.EventB), ("$score", link.Score), ("$evidence", JsonSerializer.Serialize(link.Evidence, EvidenceJson)));
        }

        if (++_documentsInTransaction >= DocumentsPerTransaction)
        {
            await CommitAsync(cancellationToken);
        }
    }

    /// <summary>Writes every storyline's last version and commits.</summary>
    public async Task CompleteAsync(IEnumerable<Storyline> storylines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storylines);
        foreach (var storyline in storylines)
        {
            await ExecuteAsync(
                """
                INSERT OR REPLACE INTO storylines (id, version, title, start_date, end_date, document_ids, event_ids)
                VALUES ($id, $version, $title, $start, $end, $documents, $events)
                """,
                cancellationToken,
                ("$id", storyline.Id), ("$version", storyline.Version), ("$title", storyline.Title), ("$start", Date(storyline.Start)),
                ("$end", Date(storyline.End)), ("$documents", JsonSerializer.Serialize(storyline.DocumentIds)),
                ("$events", JsonSerializer.Serialize(storyline.EventIds)));
        }

        await CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    private static readonly JsonSerializerOptions EvidenceJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            return;
        }

        await _transaction.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        _documentsInTransaction = 0;
    }

    /// <summary>Runs <paramref name="sql"/> in the open transaction; each statement is prepared once and reused.</summary>
    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        if (_transaction is null)
        {
            _transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            foreach (var prepared in _commands.Values)
            {
                prepared.Transaction = _transaction;
            }
        }

        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = _transaction;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            _commands[sql] = command;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Date(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);
}
