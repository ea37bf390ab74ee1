using System.Globalization;
using System.Text;
using Storytelling.Redis;

namespace Storytelling.Metadata.Internal;

/// <summary>
/// The Redis primary (<c>METADATA_PRIMARY_BACKEND=redis</c>): each row is a JSON string key under the prefix, with sets
/// for the relations (a job's documents, a document's events and jobs, a storyline's events) and a sorted set of jobs
/// by creation time. Entries are applied one after another; each is idempotent, so a retried batch converges to the
/// same rows. Event lists need a document or a storyline (Redis keeps no index by type or date).
/// </summary>
internal sealed class RedisMetadataStore(RedisClient redis, string prefix) : IMetadataStore
{
    public async Task<IReadOnlyList<JobMetadata>> ApplyAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var touched = new Dictionary<(string, string), JobMetadata>();
        foreach (var entry in entries)
        {
            switch (entry.Kind)
            {
                case OutboxKind.Job:
                    var job = await MergeJobAsync(RegistryJson.Read<JobMetadata>(entry), cancellationToken);
                    touched[(job.JobId, job.Stage)] = job;
                    break;
                case OutboxKind.Document:
                    var document = RegistryJson.Read<DocumentMetadata>(entry);
                    if (await GetAsync<DocumentMetadata>(Key("document", document.JobId, document.DocumentId), cancellationToken) is { } known)
                    {
                        document = document with
                        {
                            Title = document.Title ?? known.Title,
                            Author = document.Author ?? known.Author,
                            PublicationDate = document.PublicationDate ?? known.PublicationDate,
                            Source = document.Source ?? known.Source,
                            Url = document.Url ?? known.Url,
                            Language = document.Language ?? known.Language,
                            ContentHash = document.ContentHash ?? known.ContentHash,
                        };
                    }

                    await redis.SetAsync(Key("document", document.JobId, document.DocumentId), RegistryJson.Write(document), cancellationToken: cancellationToken);
                    await AddAsync(Key("job-documents", document.JobId), document.DocumentId, cancellationToken);
                    await AddAsync(Key("document-jobs", document.DocumentId), document.JobId, cancellationToken);
                    break;
                case OutboxKind.Event:
                    var row = RegistryJson.Read<EventMetadata>(entry);
                    var existing = await GetAsync<EventMetadata>(Key("event", row.EventId), cancellationToken);
                    await SaveEventAsync(row with { StorylineId = row.StorylineId ?? existing?.StorylineId }, cancellationToken);
                    break;
                case OutboxKind.Storyline:
                    var assignment = RegistryJson.Read<StorylineAssignment>(entry);
                    var current = await GetAsync<EventMetadata>(Key("event", assignment.EventId), cancellationToken)
                        ?? new EventMetadata(assignment.EventId, assignment.DocumentId, assignment.JobId, null, null, null);
                    if (current.StorylineId is { } previous && previous != assignment.StorylineId)
                    {
                        await redis.ExecuteAsync(["SREM", Key("storyline-events", previous), assignment.EventId], cancellationToken);
                    }

                    await SaveEventAsync(current with { StorylineId = assignment.StorylineId }, cancellationToken);
                    break;
                default:
                    throw new InvalidDataException($"outbox entry {entry.Seq}: unknown kind {(int)entry.Kind}");
            }
        }

        return [.. touched.Values];
    }

    public Task<JobMetadata?> GetJobAsync(string jobId, string stage, CancellationToken cancellationToken) =>
        GetAsync<JobMetadata>(Key("job", jobId, stage), cancellationToken);

    public async Task<IReadOnlyList<JobMetadata>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken)
    {
        var max = query.To is { } to ? "(" + to.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "+inf";
        var min = query.From is { } from ? from.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "-inf";
        var members = await redis.ExecuteAsync(["ZREVRANGEBYSCORE", Key("jobs"), max, min], cancellationToken);
        var keys = members.AsArray().Select(m => m.AsString()!.Split('\n')).Select(p => Key("job", p[0], p[1])).ToList();
        var jobs = await GetManyAsync<JobMetadata>(keys, cancellationToken);
        return [.. jobs.Where(j => (query.Stage is null || j.Stage == query.Stage) && (query.Status is null || j.Status == query.Status)).Take(query.Limit)];
    }

    public async Task<IReadOnlyList<DocumentMetadata>> DocumentsOfJobAsync(string jobId, int limit, CancellationToken cancellationToken)
    {
        var ids = await MembersAsync(Key("job-documents", jobId), cancellationToken);
        return await GetManyAsync<DocumentMetadata>([.. ids.Order(StringComparer.Ordinal).Take(limit).Select(id => Key("document", jobId, id))], cancellationToken);
    }

    public async Task<IReadOnlyList<EventMetadata>> ListEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        var set = query.DocumentId is not null ? Key("document-events", query.DocumentId)
            : query.StorylineId is not null ? Key("storyline-events", query.StorylineId)
            : throw new NotSupportedException(
                "the Redis primary lists events of a document or a storyline only (it keeps no index by type or date): " +
                "give a document or storyline, or use metadata_registry.primary_backend postgresql");
        var ids = await MembersAsync(set, cancellationToken);
        var events = await GetManyAsync<EventMetadata>([.. ids.Select(id => Key("event", id))], cancellationToken);
        return [.. events
            .Where(e => (query.DocumentId is null || e.DocumentId == query.DocumentId) && (query.StorylineId is null || e.StorylineId == query.StorylineId)
                && (query.EventType is null || e.EventType == query.EventType)
                && (query.From is null || e.EventDate >= query.From) && (query.To is null || e.EventDate < query.To))
            .OrderBy(e => e.EventDate ?? DateTimeOffset.MaxValue).ThenBy(e => e.EventId, StringComparer.Ordinal)
            .Take(query.Limit)];
    }

    public async Task<Lineage> LineageAsync(string? documentId, string? storylineId, CancellationToken cancellationToken)
    {
        var events = await ListEventsAsync(new EventQuery(DocumentId: documentId, StorylineId: documentId is null ? storylineId : null, Limit: int.MaxValue), cancellationToken);
        string[] documentIds = documentId is not null ? [documentId] : [.. events.Select(e => e.DocumentId).Distinct(StringComparer.Ordinal)];
        var documents = new List<DocumentMetadata>();
        var jobs = new List<JobMetadata>();
        foreach (var id in documentIds.Order(StringComparer.Ordinal))
        {
            foreach (var jobId in (await MembersAsync(Key("document-jobs", id), cancellationToken)).Order(StringComparer.Ordinal))
            {
                documents.AddRange(await GetManyAsync<DocumentMetadata>([Key("document", jobId, id)], cancellationToken));
                foreach (var stage in new[] { "stage1", "stage2" })
                {
                    if (!jobs.Any(j => j.JobId == jobId && j.Stage == stage) && await GetJobAsync(jobId, stage, cancellationToken) is { } job)
                    {
                        jobs.Add(job);
                    }
                }
            }
        }

        return new Lineage(jobs, documents, events, [.. events.Select(e => e.StorylineId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    public async Task<IReadOnlyList<RunRecord>> RunsAsync(string jobId, CancellationToken cancellationToken)
    {
        var reply = await redis.ExecuteAsync(["HVALS", Key("runs", jobId)], cancellationToken);
        return [.. reply.AsArray().Select(v => RegistryJson.Read<RunRecord>(v.AsString()!, Key("runs", jobId))).OrderBy(r => r.EventTime).ThenBy(r => r.Stage, StringComparer.Ordinal)];
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<JobMetadata> MergeJobAsync(JobMetadata job, CancellationToken cancellationToken)
    {
        var key = Key("job", job.JobId, job.Stage);
        var merged = await GetAsync<JobMetadata>(key, cancellationToken) is { } old
            ? job with
            {
                Status = JobStatuses.IsFinished(old.Status) && job.Status == JobStatuses.Running ? old.Status : job.Status,
                BatchId = job.BatchId ?? old.BatchId,
                DocumentCount = job.DocumentCount ?? old.DocumentCount,
                Metadata = old.Metadata.Concat(job.Metadata).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
                CreatedAt = old.CreatedAt < job.CreatedAt ? old.CreatedAt : job.CreatedAt,
                UpdatedAt = old.UpdatedAt > job.UpdatedAt ? old.UpdatedAt : job.UpdatedAt,
                CompletedAt = job.CompletedAt ?? old.CompletedAt,
                ErrorMessage = job.ErrorMessage ?? old.ErrorMessage,
            }
            : job;
        await redis.SetAsync(key, RegistryJson.Write(merged), cancellationToken: cancellationToken);
        await redis.ExecuteAsync(["ZADD", Key("jobs"), merged.CreatedAt.ToUnixTimeMilliseconds(), merged.JobId + "\n" + merged.Stage], cancellationToken);
        var eventType = job.Status switch
        {
            JobStatuses.Completed => "COMPLETE",
            JobStatuses.Failed => "FAIL",
            _ => "START",
        };
        var run = new RunRecord(RegistryIds.RunUuid(job.JobId, job.Stage), job.JobId, job.Stage, eventType, job.UpdatedAt, job.DocumentCount, job.ErrorMessage);
        await redis.ExecuteAsync(["HSETNX", Key("runs", job.JobId), job.Stage + ":" + eventType, RegistryJson.Write(run)], cancellationToken);
        return merged;
    }

    private async Task SaveEventAsync(EventMetadata row, CancellationToken cancellationToken)
    {
        await redis.SetAsync(Key("event", row.EventId), RegistryJson.Write(row), cancellationToken: cancellationToken);
        await AddAsync(Key("document-events", row.DocumentId), row.EventId, cancellationToken);
        if (row.StorylineId is not null)
        {
            await AddAsync(Key("storyline-events", row.StorylineId), row.EventId, cancellationToken);
        }
    }

    private async Task AddAsync(string set, string member, CancellationToken cancellationToken) =>
        await redis.ExecuteAsync(["SADD", set, member], cancellationToken);

    private async Task<IReadOnlyList<string>> MembersAsync(string set, CancellationToken cancellationToken)
    {
        var reply = await redis.ExecuteAsync(["SMEMBERS", set], cancellationToken);
        return [.. reply.AsArray().Select(item => item.AsString()!)];
    }

    private async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class =>
        await redis.GetStringAsync(key, cancellationToken) is { } json ? RegistryJson.Read<T>(json, "redis key " + key) : null;

    private async Task<IReadOnlyList<T>> GetManyAsync<T>(List<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var values = await redis.MGetAsync(keys, cancellationToken);
        return [.. values.Select((v, i) => (v, i)).Where(p => p.v is not null)
            .Select(p => RegistryJson.Read<T>(Encoding.UTF8.GetString(p.v!.Value.Span), "redis key " + keys[p.i]))];
    }

    private string Key(params string[] parts) => prefix + string.Join(':', parts);
}
