using System.Threading.Channels;

namespace Storytelling.Messaging.Internal;

/// <summary>
/// A consumer group of an in-process stream: the entries waiting for its consumers (consumers compete for them) and
/// its idempotency markers on <c>source</c> + <c>id</c>: a delivery that runs holds the marker, a success turns it
/// into "done until" (the deduplication TTL), a failure or a stop releases it.
/// </summary>
internal sealed class InProcessGroup(string name)
{
    private readonly Channel<InProcessDelivery> _waiting = Channel.CreateUnbounded<InProcessDelivery>();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Marker> _markers = new(StringComparer.Ordinal);
    private int _completions;

    public enum ClaimResult
    {
        Claimed,
        Done,
        Busy,
    }

    public string Name => name;

    public ChannelReader<InProcessDelivery> Waiting => _waiting.Reader;

    public void Offer(InProcessDelivery delivery) => _waiting.Writer.TryWrite(delivery);

    public ClaimResult Claim(string key, DateTimeOffset now, out Task released)
    {
        lock (_lock)
        {
            released = Task.CompletedTask;
            if (_markers.TryGetValue(key, out var marker))
            {
                if (marker.DoneUntil is { } until && until > now)
                {
                    return ClaimResult.Done;
                }

                if (marker.Running is { } running)
                {
                    released = running.Task;
                    return ClaimResult.Busy;
                }
            }

            _markers[key] = new Marker(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);
            return ClaimResult.Claimed;
        }
    }

    public void Complete(string key, DateTimeOffset doneUntil, DateTimeOffset now)
    {
        lock (_lock)
        {
            var running = _markers.GetValueOrDefault(key)?.Running;
            _markers[key] = new Marker(null, doneUntil);
            running?.TrySetResult();
            if (++_completions % 4096 == 0)
            {
                foreach (var expired in _markers.Where(m => m.Value.DoneUntil <= now).Select(m => m.Key).ToList())
                {
                    _markers.Remove(expired);
                }
            }
        }
    }

    public void Release(string key)
    {
        lock (_lock)
        {
            if (_markers.Remove(key, out var marker))
            {
                marker.Running?.TrySetResult();
            }
        }
    }

    private sealed record Marker(TaskCompletionSource? Running, DateTimeOffset? DoneUntil);
}
