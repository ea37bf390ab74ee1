using Storytelling.CloudEvents;
using Storytelling.Redis;

namespace Storytelling.Messaging.Redis;

/// <summary>
/// Publishes CloudEvents to a Redis stream (binding: <see cref="CloudEventStreamBinding"/>). A batch is pipelined:
/// every XADD is written before any reply is awaited, in order. With <paramref name="maxLength"/> the stream is
/// trimmed approximately (MAXLEN ~) on every add, so it never grows without bound.
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

    Task IEventPublisher.PublishAsync(string stream, CloudEvent cloudEvent, CancellationToken cancellationToken) =>
        PublishAsync(stream, cloudEvent, cancellationToken);

    Task IEventPublisher.PublishManyAsync(string stream, IReadOnlyList<CloudEvent> cloudEvents, CancellationToken cancellationToken) =>
        PublishManyAsync(stream, cloudEvents, cancellationToken);
}
