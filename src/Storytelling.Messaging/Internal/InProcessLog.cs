using Storytelling.CloudEvents;
using Storytelling.Redis;

namespace Storytelling.Messaging.Internal;

/// <summary>
/// One in-process stream: the retained entries (oldest dropped beyond <c>maxLength</c>) and its consumer groups. A
/// publication is appended and offered to every group under one lock, so a group created at the same moment sees
/// each entry exactly once (from the retained history or from the append).
/// </summary>
internal sealed class InProcessLog(string name, TimeProvider time, long? maxLength)
{
    private readonly Lock _lock = new();
    private readonly Queue<InProcessEntry> _entries = new();
    private readonly Dictionary<string, InProcessGroup> _groups = new(StringComparer.Ordinal);
    private readonly StreamIdGenerator _ids = new(time);

    public string Name => name;

    public long Length
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The retained events, oldest first.</summary>
    public IReadOnlyList<CloudEvent> Snapshot()
    {
        lock (_lock)
        {
            return [.. _entries.Select(e => e.Event)];
        }
    }

    public void Append(IEnumerable<CloudEvent> cloudEvents)
    {
        lock (_lock)
        {
            foreach (var cloudEvent in cloudEvents)
            {
                var entry = new InProcessEntry(_ids.Next(), cloudEvent, time.GetUtcNow());
                _entries.Enqueue(entry);
                if (maxLength is { } limit && _entries.Count > limit)
                {
                    _entries.Dequeue();
                }

                foreach (var group in _groups.Values)
                {
                    group.Offer(new InProcessDelivery(entry, 0, null));
                }
            }
        }
    }

    /// <summary>The group named <paramref name="group"/>; a new one starts at <paramref name="startId"/> (<c>0</c>, <c>$</c> or an entry id).</summary>
    public InProcessGroup Group(string group, string startId, out bool created)
    {
        lock (_lock)
        {
            if (_groups.TryGetValue(group, out var existing))
            {
                created = false;
                return existing;
            }

            var after = startId switch
            {
                "$" => StreamId.Max,
                "0" => StreamId.Min,
                var id => StreamId.Parse(id),
            };
            var added = new InProcessGroup(group);
            foreach (var entry in _entries.Where(e => e.Id > after))
            {
                added.Offer(new InProcessDelivery(entry, 0, null));
            }

            _groups[group] = added;
            created = true;
            return added;
        }
    }

    public void RemoveGroup(string group)
    {
        lock (_lock)
        {
            _groups.Remove(group);
        }
    }
}
