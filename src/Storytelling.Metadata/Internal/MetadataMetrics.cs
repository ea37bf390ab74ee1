using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Storytelling.Metadata.Internal;

/// <summary>
/// The registry's instruments (meter <see cref="MeterName"/>): the seed's
/// <c>&lt;stage&gt;_metadata_registry_writes_total{entity_type,status}</c> (status <c>queued</c> into the outbox,
/// <c>success</c> or <c>failure</c> delivering to the primary, <c>dry_run</c> in write-only mode, <c>skipped</c> outside
/// the rollout) and <c>&lt;stage&gt;_metadata_registry_write_seconds{entity_type}</c>, the outbox's size and age, and
/// cache hits and misses.
/// </summary>
internal static class MetadataMetrics
{
    public const string MeterName = "Storytelling.Metadata";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<string, (Counter<long> Writes, Histogram<double> Seconds)> ByStage = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<MetadataOutbox, byte> Outboxes = new();
    private static readonly Counter<long> CacheRequests = Meter.CreateCounter<long>(
        "metadata_registry_cache_requests", description: "Registry job reads through the Redis cache, by result (hit, miss, error: the cache did not answer and the primary did)");

    static MetadataMetrics()
    {
        Meter.CreateObservableGauge("metadata_registry_outbox_entries", () => Outboxes.Keys.Sum(o => o.Pending),
            description: "Registry writes waiting in this process's outboxes");
        Meter.CreateObservableGauge("metadata_registry_outbox_oldest_age", OldestAgeSeconds, unit: "s",
            description: "Age of the oldest registry write waiting in this process's outboxes (0 when none waits)");
    }

    public static void Track(MetadataOutbox outbox) => Outboxes[outbox] = 0;

    public static void Untrack(MetadataOutbox outbox) => Outboxes.TryRemove(outbox, out _);

    public static void Writes(string stage, string entityType, string status, long count)
    {
        if (count > 0)
        {
            For(stage).Writes.Add(count, new KeyValuePair<string, object?>("entity_type", entityType), new KeyValuePair<string, object?>("status", status));
        }
    }

    public static void WriteSeconds(string stage, string entityType, double seconds) =>
        For(stage).Seconds.Record(seconds, new KeyValuePair<string, object?>("entity_type", entityType));

    public static void CacheRequest(string result) => CacheRequests.Add(1, new KeyValuePair<string, object?>("result", result));

    private static double OldestAgeSeconds()
    {
        var oldest = Outboxes.Keys.Select(o => o.OldestCreatedMs).Where(ms => ms > 0).DefaultIfEmpty(0).Min();
        return oldest == 0 ? 0 : Math.Max(0, (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - oldest) / 1000.0);
    }

    private static (Counter<long> Writes, Histogram<double> Seconds) For(string stage) =>
        ByStage.GetOrAdd(stage, s => (
            Meter.CreateCounter<long>($"{s}_metadata_registry_writes", description: $"Metadata registry writes of {s}, by entity type and status"),
            Meter.CreateHistogram<double>($"{s}_metadata_registry_write_seconds", unit: "s", description: $"Time to deliver {s}'s registry writes to the primary, per batch and entity type")));
}
