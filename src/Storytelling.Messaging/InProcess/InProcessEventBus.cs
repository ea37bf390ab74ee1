using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.CloudEvents;
using Storytelling.Messaging.Internal;

namespace Storytelling.Messaging.InProcess;

/// <summary>
/// The embedded mode's event bus: named streams held in memory with the Redis consumer engine's contract. Each
/// consumer group of a stream receives every event (a new group starts at <see cref="ConsumerOptions.StartId"/>:
/// <c>0</c> = every retained event, <c>$</c> = only new ones); the consumers of one group compete for them.
/// Consumers (<see cref="CreateConsumer"/>) handle at least once, with retries and dead letters, idempotency on
/// <c>source</c> + <c>id</c> per group, type filtering, bounded concurrency and graceful stop. Dead letters are
/// kept in memory per dead-letter stream name (<see cref="ReadDeadLetters"/>). Nothing survives the process.
/// </summary>
public sealed class InProcessEventBus(TimeProvider? time = null, long? maxLength = null) : IEventPublisher
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, InProcessLog> _streams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeadLetterList> _deadLetters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Stream, string Source, string Id), DateTimeOffset> _published = new();
    private readonly Dictionary<(string Stream, string Counter), long> _counters = [];
    private readonly Lock _counting = new();

    public Task PublishAsync(string stream, CloudEvent cloudEvent, CancellationToken cancellationToken) =>
        PublishManyAsync(stream, [cloudEvent], cancellationToken);

    public Task PublishManyAsync(string stream, IReadOnlyList<CloudEvent> cloudEvents, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(cloudEvents);
        cancellationToken.ThrowIfCancellationRequested();
        Validate(cloudEvents);
        Log(stream).Append(cloudEvents);
        return Task.CompletedTask;
    }

    /// <inheritdoc cref="IEventPublisher.PublishOnceAsync"/>
    public Task<IReadOnlyList<bool>> PublishOnceAsync(
        string stream, IReadOnlyList<CloudEvent> cloudEvents, TimeSpan remember, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvents);
        cancellationToken.ThrowIfCancellationRequested();
        Validate(cloudEvents);
        var published = new bool[cloudEvents.Count];
        var fresh = new List<CloudEvent>(cloudEvents.Count);
        for (var i = 0; i < cloudEvents.Count; i++)
        {
            if (published[i] = Remember(stream, cloudEvents[i], remember))
            {
                fresh.Add(cloudEvents[i]);
            }
        }

        Log(stream).Append(fresh);
        return Task.FromResult<IReadOnlyList<bool>>(published);
    }

    /// <inheritdoc cref="IEventPublisher.PublishOnceCountedAsync"/>
    public Task<CountedPublication> PublishOnceCountedAsync(
        string stream, IReadOnlyList<CloudEvent> cloudEvents, TimeSpan remember, string counter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvents);
        ArgumentException.ThrowIfNullOrEmpty(counter);
        cancellationToken.ThrowIfCancellationRequested();
        Validate(cloudEvents);
        var published = new bool[cloudEvents.Count];
        var key = (stream, counter);
        lock (_counting)
        {
            // The marker, the append and the increment are one step, as in the Redis script.
            for (var i = 0; i < cloudEvents.Count; i++)
            {
                if (published[i] = Remember(stream, cloudEvents[i], remember))
                {
                    Log(stream).Append([cloudEvents[i]]);
                    _counters[key] = _counters.GetValueOrDefault(key) + 1;
                }
            }

            return Task.FromResult(new CountedPublication(published, _counters.GetValueOrDefault(key)));
        }
    }

    private static void Validate(IReadOnlyList<CloudEvent> cloudEvents)
    {
        foreach (var cloudEvent in cloudEvents)
        {
            ArgumentNullException.ThrowIfNull(cloudEvent);
            if (cloudEvent.Validate() is { Count: > 0 } errors)
            {
                throw new InvalidCloudEventException(errors);
            }
        }
    }

    private bool Remember(string stream, CloudEvent cloudEvent, TimeSpan remember)
    {
        var now = _time.GetUtcNow();
        var key = (stream, cloudEvent.Source, cloudEvent.Id);
        var until = now + remember;
        return _published.TryAdd(key, until) || TryRenew(key, now, until);
    }

    private bool TryRenew((string, string, string) key, DateTimeOffset now, DateTimeOffset until) =>
        _published.TryGetValue(key, out var expires) && expires <= now && _published.TryUpdate(key, until, expires);

    /// <summary>The events <paramref name="stream"/> holds, oldest first (what <c>XRANGE - +</c> shows on Redis); empty for an unknown stream.</summary>
    public IReadOnlyList<CloudEvent> Read(string stream) => _streams.TryGetValue(stream, out var log) ? log.Snapshot() : [];

    /// <summary>How many events <paramref name="stream"/> holds (published and retained, handled or not).</summary>
    public long Length(string stream) => _streams.TryGetValue(stream, out var log) ? log.Length : 0;

    /// <summary>A consumer of <see cref="ConsumerOptions.SourceStream"/> in group <see cref="ConsumerOptions.ConsumerGroup"/>; it works while <see cref="InProcessStreamConsumer.RunAsync"/> runs.</summary>
    public InProcessStreamConsumer CreateConsumer(ConsumerOptions options, IEventProcessor handler, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        return new InProcessStreamConsumer(Log(options.SourceStream), options, handler, this, logger ?? NullLogger.Instance, _time);
    }

    /// <summary>The dead letters of <paramref name="deadLetterStream"/>, oldest first.</summary>
    public IReadOnlyList<DeadLetter> ReadDeadLetters(string deadLetterStream) =>
        _deadLetters.TryGetValue(deadLetterStream, out var list) ? list.Snapshot() : [];

    internal DeadLetter AddDeadLetter(string deadLetterStream, Func<string, DeadLetter> create) =>
        _deadLetters.GetOrAdd(deadLetterStream, _ => new DeadLetterList(_time)).Add(create);

    private InProcessLog Log(string stream) => _streams.GetOrAdd(stream, name => new InProcessLog(name, _time, maxLength));

    private sealed class DeadLetterList(TimeProvider time)
    {
        private readonly Lock _lock = new();
        private readonly List<DeadLetter> _letters = [];
        private readonly StreamIdGenerator _ids = new(time);

        public DeadLetter Add(Func<string, DeadLetter> create)
        {
            lock (_lock)
            {
                var letter = create(_ids.Next().ToString());
                _letters.Add(letter);
                return letter;
            }
        }

        public IReadOnlyList<DeadLetter> Snapshot()
        {
            lock (_lock)
            {
                return [.. _letters];
            }
        }
    }
}
