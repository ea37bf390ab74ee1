using Storytelling.Redis;

namespace Storytelling.Metadata.Internal;

/// <summary>
/// The Redis cache of job reads (<c>metadata_registry.redis_db</c>, TTL <c>cache_ttl_seconds</c>). A reader fills a
/// missing entry only if it is still missing (SET NX); the deliverer overwrites it with the row as committed after every
/// job write, so a reader that raced a status change cannot put the old status back. A read the cache could not answer
/// (Redis down) is counted as an error; the reader then asks the primary.
/// </summary>
internal sealed class MetadataCache(RedisClient redis, string prefix, TimeSpan ttl)
{
    private long _hits;
    private long _misses;
    private long _errors;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public long Errors => Interlocked.Read(ref _errors);

    public async Task<JobMetadata?> GetJobAsync(string jobId, string stage, CancellationToken cancellationToken)
    {
        var json = await redis.GetStringAsync(Key(jobId, stage), cancellationToken);
        MetadataMetrics.CacheRequest(json is null ? "miss" : "hit");
        Interlocked.Increment(ref json is null ? ref _misses : ref _hits);
        return json is null ? null : RegistryJson.Read<JobMetadata>(json, "cache key " + Key(jobId, stage));
    }

    /// <summary>Counts a read or fill the cache failed (<c>result="error"</c>).</summary>
    public void CountError()
    {
        Interlocked.Increment(ref _errors);
        MetadataMetrics.CacheRequest("error");
    }

    public async Task FillAsync(JobMetadata job, CancellationToken cancellationToken) =>
        await redis.SetAsync(Key(job.JobId, job.Stage), RegistryJson.Write(job), ttl, SetCondition.IfNotExists, cancellationToken);

    public async Task PutAsync(JobMetadata job, CancellationToken cancellationToken) =>
        await redis.SetAsync(Key(job.JobId, job.Stage), RegistryJson.Write(job), ttl, cancellationToken: cancellationToken);

    private string Key(string jobId, string stage) => $"{prefix}cache:job:{jobId}:{stage}";
}
