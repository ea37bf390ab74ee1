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

    /// <summary>
    /// Publishes each event unless an event with the same <c>source</c> + <c>id</c> was published to
    /// <paramref name="stream"/> through this method within <paramref name="remember"/>: a producer that repeats a
    /// step after a crash announces once. Returns, per event, whether it was published now.
    /// </summary>
    Task<IReadOnlyList<bool>> PublishOnceAsync(string stream, IReadOnlyList<CloudEvent> cloudEvents, TimeSpan remember, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="PublishOnceAsync"/> that also counts the publications: each event published now adds one to
    /// <paramref name="counter"/> in the same atomic step, and the result carries the counter's value after the last
    /// event (its current value when <paramref name="cloudEvents"/> is empty). Producers that share a counter learn
    /// when every one of a known number of announcements is out, whoever published them, and in what order: a count
    /// of N is returned only after the N-th event is on the stream. The counter is forgotten with the markers.
    /// </summary>
    Task<CountedPublication> PublishOnceCountedAsync(
        string stream, IReadOnlyList<CloudEvent> cloudEvents, TimeSpan remember, string counter, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IEventPublisher.PublishOnceCountedAsync"/> did: per event, whether it was published now; the counter after the call.</summary>
public sealed record CountedPublication(IReadOnlyList<bool> Published, long Count);
