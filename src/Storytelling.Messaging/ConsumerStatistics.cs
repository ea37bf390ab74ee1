using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Storytelling.Messaging;

/// <summary>
/// The seed's consumer metrics (<c>total_consumed</c>, <c>processed</c>, <c>filtered</c>, <c>failed</c>,
/// <c>duplicates_skipped</c>, <c>by_event_type</c>) plus dead-lettered, reclaimed, retried and backlog counts, kept
/// for this consumer and also published as <c>System.Diagnostics.Metrics</c> instruments of meter
/// <see cref="MeterName"/> (exported on <c>/metrics</c>).
/// </summary>
public sealed class ConsumerStatistics
{
    public const string MeterName = "Storytelling.Messaging";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> ConsumedCounter = Meter.CreateCounter<long>("storytelling.consumer.consumed", description: "Events read by consumers");
    private static readonly Counter<long> ProcessedCounter = Meter.CreateCounter<long>("storytelling.consumer.processed", description: "Events handled successfully");
    private static readonly Counter<long> FilteredCounter = Meter.CreateCounter<long>("storytelling.consumer.filtered", description: "Events acknowledged without handling because of their type");
    private static readonly Counter<long> FailedCounter = Meter.CreateCounter<long>("storytelling.consumer.failed", description: "Failed handling attempts");
    private static readonly Counter<long> DuplicatesCounter = Meter.CreateCounter<long>("storytelling.consumer.duplicates_skipped", description: "Events skipped because their source and id were already handled");
    private static readonly Counter<long> DeadLetteredCounter = Meter.CreateCounter<long>("storytelling.consumer.dead_lettered", description: "Events moved to the dead-letter stream");
    private static readonly Counter<long> ReclaimedCounter = Meter.CreateCounter<long>("storytelling.consumer.reclaimed", description: "Entries claimed from idle consumers");
    private static readonly Counter<long> RetriedCounter = Meter.CreateCounter<long>("storytelling.consumer.retried", description: "Handling attempts after a failure");
    private static readonly Histogram<double> HandleSeconds = Meter.CreateHistogram<double>(
        "storytelling.consumer.handle.duration", unit: "s", description: "Time spent in the handler per attempt, by outcome (success or failure)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    private static readonly Histogram<double> DeliverySeconds = Meter.CreateHistogram<double>(
        "storytelling.consumer.delivery.latency", unit: "s", description: "Time from publication (stream entry id) to handler start",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 60, 300] });

    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly KeyValuePair<string, object?>[] _succeededTags;
    private readonly KeyValuePair<string, object?>[] _failedTags;
    private readonly ConcurrentDictionary<string, long> _byEventType = new(StringComparer.Ordinal);
    private long _consumed;
    private long _processed;
    private long _filtered;
    private long _failed;
    private long _duplicates;
    private long _deadLettered;
    private long _reclaimed;
    private long _retried;
    private long _backlogSkipped;

    public ConsumerStatistics(string stream, string group)
    {
        _tags = [new("stream", stream), new("group", group)];
        _succeededTags = [.. _tags, new("outcome", "success")];
        _failedTags = [.. _tags, new("outcome", "failure")];
    }

    public long TotalConsumed => Interlocked.Read(ref _consumed);

    public long Processed => Interlocked.Read(ref _processed);

    public long Filtered => Interlocked.Read(ref _filtered);

    public long Failed => Interlocked.Read(ref _failed);

    public long DuplicatesSkipped => Interlocked.Read(ref _duplicates);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public long Reclaimed => Interlocked.Read(ref _reclaimed);

    public long Retried => Interlocked.Read(ref _retried);

    public long BacklogSkipped => Interlocked.Read(ref _backlogSkipped);

    public IReadOnlyDictionary<string, long> ByEventType => new SortedDictionary<string, long>(_byEventType, StringComparer.Ordinal);

    internal void OnConsumed(string eventType)
    {
        Interlocked.Increment(ref _consumed);
        _byEventType.AddOrUpdate(eventType, 1, (_, n) => n + 1);
        ConsumedCounter.Add(1, WithType(eventType));
    }

    internal void OnProcessed(string eventType, TimeSpan handling)
    {
        Interlocked.Increment(ref _processed);
        ProcessedCounter.Add(1, WithType(eventType));
        HandleSeconds.Record(handling.TotalSeconds, _succeededTags);
    }

    /// <summary>A handler attempt that threw, after <paramref name="handling"/> (slow failures, timeouts, show in the histogram too).</summary>
    internal void OnHandlerFailed(TimeSpan handling) => HandleSeconds.Record(handling.TotalSeconds, _failedTags);

    internal void OnDelivered(TimeSpan sincePublication) => DeliverySeconds.Record(Math.Max(0, sincePublication.TotalSeconds), _tags);

    internal void OnFiltered(string eventType)
    {
        Interlocked.Increment(ref _filtered);
        FilteredCounter.Add(1, WithType(eventType));
    }

    internal void OnFailed(string eventType)
    {
        Interlocked.Increment(ref _failed);
        FailedCounter.Add(1, WithType(eventType));
    }

    internal void OnDuplicate(string eventType)
    {
        Interlocked.Increment(ref _duplicates);
        DuplicatesCounter.Add(1, WithType(eventType));
    }

    internal void OnDeadLettered(string eventType)
    {
        Interlocked.Increment(ref _deadLettered);
        DeadLetteredCounter.Add(1, WithType(eventType));
    }

    internal void OnReclaimed(int count)
    {
        Interlocked.Add(ref _reclaimed, count);
        ReclaimedCounter.Add(count, _tags);
    }

    internal void OnRetried()
    {
        Interlocked.Increment(ref _retried);
        RetriedCounter.Add(1, _tags);
    }

    internal void OnBacklogSkipped(int count) => Interlocked.Add(ref _backlogSkipped, count);

    private KeyValuePair<string, object?>[] WithType(string eventType) => [_tags[0], _tags[1], new("event_type", eventType)];
}
