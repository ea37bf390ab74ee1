using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Storytelling.Nlp.Output;
using Storytelling.Stories;

namespace Storytelling.Stage2.Stories;

/// <summary>
/// The storyline builder's side of Stage 2's store (ADR 8): documents as the story engine sees them, read back from
/// <c>stage2.documents</c> and <c>stage2.events</c>; the order documents entered the engine (<c>story_log</c>); and one
/// transaction per document that records it, sets its events' clusters and storyline, adds the links and writes the
/// changed storylines.
/// </summary>
public sealed class StorylineStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The analysed document of a job's line as a story document; null when Stage 2 has not stored it.</summary>
    public async Task<StoryDocument?> LoadAsync(string jobId, long line, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        string id, text;
        string? title;
        DateTimeOffset? publishedAt;
        List<StoryEntity> entities = [];
        await using (var command = new NpgsqlCommand(
            "SELECT document_id, title, text, published_at, annotations -> 'entities' FROM stage2.documents WHERE job_id = @job AND line = @line", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("job", jobId));
            command.Parameters.Add(new NpgsqlParameter<long>("line", line));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            id = reader.GetString(0);
            title = reader.IsDBNull(1) ? null : reader.GetString(1);
            text = reader.GetString(2);
            publishedAt = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3);
            if (!reader.IsDBNull(4))
            {
                using var array = JsonDocument.Parse(reader.GetString(4));
                if (array.RootElement.ValueKind == JsonValueKind.Array)
                {
                    entities.AddRange(array.RootElement.EnumerateArray().Select(e => new StoryEntity(
                        e.GetProperty("text").GetString()!, e.GetProperty("type").GetString()!, e.GetProperty("start").GetInt32(), e.GetProperty("end").GetInt32())));
                }
            }
        }

        var events = new List<StoryEvent>();
        await using (var command = new NpgsqlCommand("SELECT id, data::text FROM stage2.events WHERE job_id = @job AND line = @line ORDER BY trigger_start", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("job", jobId));
            command.Parameters.Add(new NpgsqlParameter<long>("line", line));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                using var data = JsonDocument.Parse(reader.GetString(1));
                events.Add(new StoryEvent(reader.GetString(0), id, EventJson.ReadMention(data.RootElement)));
            }
        }

        return new StoryDocument(id, title, text, publishedAt, entities, events);
    }

    /// <summary>Whether the document of a job's line has entered the story engine already.</summary>
    public async Task<bool> IsLoggedAsync(string jobId, long line, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1 FROM stage2.story_log WHERE job_id = @job AND line = @line");
        command.Parameters.Add(new NpgsqlParameter<string>("job", jobId));
        command.Parameters.Add(new NpgsqlParameter<long>("line", line));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>The documents that entered the story engine, in the order they did (to rebuild its state).</summary>
    public async IAsyncEnumerable<(string JobId, long Line)> ReadLogAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT job_id, line FROM stage2.story_log ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (reader.GetString(0), reader.GetInt64(1));
        }
    }

    /// <summary>Records what adding one document changed, in one transaction.</summary>
    public async Task SaveAsync(string jobId, long line, StoryUpdate update, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(
            "INSERT INTO stage2.story_log (job_id, line, document_id, storyline_id, added_at) VALUES ($1, $2, $3, $4, $5)",
            jobId, line, update.DocumentId, update.StorylineId, now.ToUniversalTime()));
        if (update.EventClusters.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                UPDATE stage2.events e SET cluster_id = c.cluster_id, storyline_id = $4
                FROM unnest($3::text[], $5::text[]) AS c(id, cluster_id)
                WHERE e.job_id = $1 AND e.line = $2 AND e.id = c.id
                """,
                jobId, line, update.EventClusters.Keys.ToArray(), update.StorylineId, update.EventClusters.Keys.Select(k => update.EventClusters[k]).ToArray()));
        }

        if (update.Links.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO stage2.event_links (event_a, event_b, score, evidence)
                SELECT * FROM unnest($1::text[], $2::text[], $3::real[], $4::jsonb[])
                ON CONFLICT (event_a, event_b) DO UPDATE SET score = excluded.score, evidence = excluded.evidence
                """,
                update.Links.Select(l => l.EventA).ToArray(), update.Links.Select(l => l.EventB).ToArray(),
                update.Links.Select(l => (float)l.Score).ToArray(), update.Links.Select(l => JsonSerializer.Serialize(l.Evidence, Json)).ToArray()));
        }

        foreach (var change in update.Changes)
        {
            var s = change.Storyline;
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO stage2.storylines (id, version, title, start_at, end_at, document_ids, event_ids, document_count, event_count, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title, start_at = excluded.start_at,
                    end_at = excluded.end_at, document_ids = excluded.document_ids, event_ids = excluded.event_ids,
                    document_count = excluded.document_count, event_count = excluded.event_count, updated_at = excluded.updated_at
                WHERE stage2.storylines.version < excluded.version
                """,
                s.Id, s.Version, s.Title, s.Start?.ToUniversalTime(), s.End?.ToUniversalTime(), JsonSerializer.Serialize(s.DocumentIds),
                JsonSerializer.Serialize(s.EventIds), s.DocumentIds.Count, s.EventIds.Count, now.ToUniversalTime()));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                // The only values that may be null here are a storyline's start and end dates.
                null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        return command;
    }
}
