using Storytelling.CloudEvents;

namespace Storytelling.Messaging;

/// <summary>
/// Publishes CloudEvents to a named stream: Redis Streams in the distributed mode
/// (<see cref="Redis.RedisEventPublisher"/>), the in-process stream in the embedded mode
/// (<see cref="InProcess.InProcessEventBus"/>). Producers depend on this, not on either.
/// An invalid event throws <see cref="InvalidCloudEventException"/> and is not published.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(string stream, CloudEvent cloudEvent, CancellationToken cancellationToken);

    /// <summary>Publishes all events in order.</summary>
    Task PublishManyAsync(string stream, IReadOnlyList<CloudEvent> cloudEvents, CancellationToken cancellationToken);
}
