using Storytelling.CloudEvents;
using Storytelling.Messaging.Internal;
using Storytelling.Redis;

namespace Storytelling.Messaging.Redis;

/// <summary>
/// Publishes CloudEvents to a Redis stream (binding: <see cref="CloudEventStreamBinding"/>). A batch is pipelined:
/// every XADD is written before any reply is awaited, in order. With <paramref name="maxLength"/> the stream is
/// trimmed approximately (MAXLEN ~) on every add, so it never grows without bound. Publishing once keeps a marker
/// per event (<c>storytelling:published:{stream}:{length of source}:{source}:{id}</c>) set in the same Lua step as the XADD.
/// </summary>
public sealed class RedisEventPublisher(RedisClient redis, long? maxLength = null) : IEventPublisher
{
    private readonly StreamTrim? _trim = maxLength is { } length ? StreamTrim.ToMaxLength(length) : null;

    public async Task<StreamId> PublishAsync(string stream, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var id = await redis.XAddAsync(stream, CloudEventStreamBinding.ToFields(cloudEvent), trim: _trim, cancellationToken: cancellationToken);
        return id ?? throw new InvalidOperationException($"XADD to '{stream}' returned no id.");
    }

    /// <summary>Publishes all events in order, pipelined; returns their entry ids in the same order.</summary>
    public async Task<IReadOnlyList<StreamId>> PublishManyAsync(string stream, IReadOnlyList<CloudEvent> cloudEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvents);
        var fields = cloudEvents.Select(CloudEventStreamBinding.ToFields).ToList();
        var sends = new Task<StreamId?>[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            sends[i] = redis.XAddAsync(stream, fields[i], trim: _trim, cancellationToken: cancellationToken).AsTask();
        }

        var ids = await Task.WhenAll(sends);
        return [.. ids.Select(id => id ?? throw new InvalidOperationException($"XADD to '{stream}' returned no id."))];
    }

    /// <inheritdoc cref="IEventPublisher.PublishOnceAsync"/>
    public async Task<IReadOnlyList<bool>> PublishOnceAsync(
        string stream, IReadOnlyList<CloudEvent> cloudEvents, TimeSpan remember, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvents);
        var ttl = Math.Max(1, (long)remember.TotalSeconds);
        var sends = new Task<RedisValue>[cloudEvents.Count];
        for (var i = 0; i < cloudEvents.Count; i++)
        {
            sends[i] = PublisherScripts.PublishOnce.RunInOrderAsync(redis, [stream, Marker(stream, cloudEvents[i])], Arguments(ttl, cloudEvents[i]), cancellationToken).AsTask();
        }

        var replies = await Task.WhenAll(sends);
        return [.. replies.Select(r => !r.IsNull)];
    }

    /// <inheritdoc cref="IEventPublisher.PublishOnceCountedAsync"/>
    public async Task<CountedPublication> PublishOnceCountedAsync(
        string stream, IReadOnlyList<CloudEvent> cloudEvents, TimeSpan remember, string counter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvents);
        ArgumentException.ThrowIfNullOrEmpty(counter);
        var counterKey = $"storytelling:published-count:{stream}:{counter}";
        if (cloudEvents.Count == 0)
        {
            var value = await redis.GetStringAsync(counterKey, cancellationToken);
            return new CountedPublication([], value is null ? 0 : long.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        var ttl = Math.Max(1, (long)remember.TotalSeconds);
        var sends = new Task<RedisValue>[cloudEvents.Count];
        for (var i = 0; i < cloudEvents.Count; i++)
        {
            sends[i] = PublisherScripts.PublishOnceCounted.RunInOrderAsync(
                redis, [stream, Marker(stream, cloudEvents[i]), counterKey], Arguments(ttl, cloudEvents[i]), cancellationToken).AsTask();
        }

        var replies = await Task.WhenAll(sends);
        return new CountedPublication([.. replies.Select(r => r.AsArray()[0].AsInt64() == 1)], replies[^1].AsArray()[1].AsInt64());
    }

    private List<RedisArgument> Arguments(long ttl, CloudEvent cloudEvent)
    {
        var fields = CloudEventStreamBinding.ToFields(cloudEvent);
        var arguments = new List<RedisArgument>(2 + 2 * fields.Length) { ttl, maxLength ?? 0 };
        foreach (var (name, value) in fields)
        {
            arguments.Add(name);
            arguments.Add(value);
        }

        return arguments;
    }

    private static string Marker(string stream, CloudEvent cloudEvent) =>
        $"storytelling:published:{stream}:{cloudEvent.Source.Length}:{cloudEvent.Source}:{cloudEvent.Id}";

    Task IEventPublisher.PublishAsync(string stream, CloudEvent cloudEvent, CancellationToken cancellationToken) =>
        PublishAsync(stream, cloudEvent, cancellationToken);

    Task IEventPublisher.PublishManyAsync(string stream, IReadOnlyList<CloudEvent> cloudEvents, CancellationToken cancellationToken) =>
        PublishManyAsync(stream, cloudEvents, cancellationToken);
}
