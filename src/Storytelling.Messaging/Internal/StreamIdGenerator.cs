using Storytelling.Redis;

namespace Storytelling.Messaging.Internal;

/// <summary>Ids as Redis makes them (<c>milliseconds-sequence</c>, strictly increasing even if the clock steps back). Not thread-safe: callers lock.</summary>
internal sealed class StreamIdGenerator(TimeProvider time)
{
    private StreamId _last = StreamId.Min;

    public StreamId Next()
    {
        var now = (ulong)Math.Max(0, time.GetUtcNow().ToUnixTimeMilliseconds());
        _last = now > _last.Milliseconds ? new StreamId(now, 0) : new StreamId(_last.Milliseconds, _last.Sequence + 1);
        return _last;
    }
}
