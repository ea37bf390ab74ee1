using Storytelling.Redis.Internal;

namespace Storytelling.Redis;

public abstract partial class RedisCommands
{
    /// <summary>
    /// XADD with an automatic id (or <paramref name="id"/>), optional trimming and NOMKSTREAM. Returns the new
    /// entry's id, or null when <paramref name="noMakeStream"/> is set and the stream does not exist.
    /// </summary>
    public ValueTask<StreamId?> XAddAsync(
        string key, IReadOnlyList<KeyValuePair<string, RedisArgument>> fields, StreamId? id = null,
        StreamTrim? trim = null, bool noMakeStream = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            throw new ArgumentException("A stream entry needs at least one field.", nameof(fields));
        }

        var arguments = new List<RedisArgument>(8 + 2 * fields.Count) { "XADD", key };
        if (noMakeStream)
        {
            arguments.Add("NOMKSTREAM");
        }

        trim?.AppendTo(arguments);
        if (id is { } explicitId)
        {
            explicitId.RequireConcrete();
            arguments.Add(explicitId);
        }
        else
        {
            arguments.Add("*");
        }

        foreach (var (field, value) in fields)
        {
            arguments.Add(field);
            arguments.Add(value);
        }

        return RunAsync([.. arguments], Replies.ToNullableStreamId, cancellationToken);
    }

    /// <summary>
    /// XREADGROUP for one stream: up to <paramref name="count"/> entries from <paramref name="id"/>
    /// (<see cref="StreamId.NeverDelivered"/> for new ones, a concrete id for this consumer's pending history).
    /// With <paramref name="block"/> it waits that long for new entries and returns empty when none came;
    /// blocking is only allowed on a <see cref="RedisDedicatedConnection"/>.
    /// </summary>
    public ValueTask<IReadOnlyList<StreamEntry>> XReadGroupAsync(
        string group, string consumer, string key, StreamId id, int? count = null, TimeSpan? block = null,
        bool noAck = false, CancellationToken cancellationToken = default)
    {
        if (block is not null && !AllowsBlocking)
        {
            throw new InvalidOperationException(
                "XREADGROUP with BLOCK would hold up every other command on the shared connection; " +
                "run it on a dedicated connection (RedisClient.CreateDedicatedConnectionAsync).");
        }

        if (id == StreamId.LastEntry)
        {
            throw new ArgumentException("XREADGROUP takes '>' or a concrete id, not '$'.", nameof(id));
        }

        var arguments = new List<RedisArgument>(12) { "XREADGROUP", "GROUP", group, consumer };
        if (count is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(count));
            arguments.Add("COUNT");
            arguments.Add(limit);
        }

        var extraTimeout = TimeSpan.Zero;
        if (block is { } wait)
        {
            // BLOCK 0 would wait forever, which no command timeout could tell apart from a dead server.
            ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.FromMilliseconds(1), nameof(block));
            arguments.Add("BLOCK");
            arguments.Add((long)wait.TotalMilliseconds);
            extraTimeout = wait;
        }

        if (noAck)
        {
            arguments.Add("NOACK");
        }

        arguments.Add("STREAMS");
        arguments.Add(key);
        arguments.Add(id);
        return ReadGroupAsync([.. arguments], extraTimeout, cancellationToken);
    }

    /// <summary>XACK: how many of the ids were pending and are now acknowledged.</summary>
    public ValueTask<long> XAckAsync(string key, string group, IReadOnlyCollection<StreamId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return RunAsync(Concat(["XACK", key, group], [.. ids.Select(id => (RedisArgument)id)]), reply => reply.AsInt64(), cancellationToken);
    }

    /// <summary>XPENDING summary form.</summary>
    public ValueTask<PendingSummary> XPendingAsync(string key, string group, CancellationToken cancellationToken = default) =>
        RunAsync(["XPENDING", key, group], reply =>
        {
            var parts = reply.Items;
            var consumers = parts[3].Items.Select(c => new PendingConsumer(Replies.ToText(c.Items[0]), c.Items[1].AsInt64()));
            return new PendingSummary(parts[0].AsInt64(), Replies.ToNullableStreamId(parts[1]),
                Replies.ToNullableStreamId(parts[2]), [.. consumers]);
        }, cancellationToken);

    /// <summary>XPENDING extended form: up to <paramref name="count"/> pending entries between the ids, optionally only
    /// those idle at least <paramref name="minIdle"/> and only of one consumer.</summary>
    public ValueTask<IReadOnlyList<PendingEntry>> XPendingAsync(
        string key, string group, StreamId start, StreamId end, int count, TimeSpan? minIdle = null,
        string? consumer = null, CancellationToken cancellationToken = default)
    {
        start.RequireConcrete();
        end.RequireConcrete();
        var arguments = new List<RedisArgument>(9) { "XPENDING", key, group };
        if (minIdle is { } idle)
        {
            arguments.Add("IDLE");
            arguments.Add((long)idle.TotalMilliseconds);
        }

        arguments.Add(start);
        arguments.Add(end);
        arguments.Add(count);
        if (consumer is not null)
        {
            arguments.Add(consumer);
        }

        return RunAsync<IReadOnlyList<PendingEntry>>([.. arguments], reply =>
        [
            .. reply.Items.Select(item => new PendingEntry(
                Replies.ToStreamId(item.Items[0]),
                Replies.ToText(item.Items[1]),
                TimeSpan.FromMilliseconds(item.Items[2].AsInt64()),
                item.Items[3].AsInt64())),
        ], cancellationToken);
    }

    /// <summary>XAUTOCLAIM: gives <paramref name="consumer"/> up to <paramref name="count"/> entries idle at least
    /// <paramref name="minIdle"/>, scanning from <paramref name="start"/>.</summary>
    public ValueTask<AutoClaimResult> XAutoClaimAsync(
        string key, string group, string consumer, TimeSpan minIdle, StreamId start, int? count = null,
        CancellationToken cancellationToken = default)
    {
        start.RequireConcrete();
        RedisArgument[] arguments = count is { } limit
            ? ["XAUTOCLAIM", key, group, consumer, (long)minIdle.TotalMilliseconds, start, "COUNT", limit]
            : ["XAUTOCLAIM", key, group, consumer, (long)minIdle.TotalMilliseconds, start];
        return RunAsync(arguments, reply =>
        {
            var parts = reply.Items;
            var deleted = parts.Length > 2 ? parts[2].Items.Select(Replies.ToStreamId).ToArray() : [];
            return new AutoClaimResult(Replies.ToStreamId(parts[0]), Replies.ToEntries(parts[1]), deleted);
        }, cancellationToken);
    }

    /// <summary>XCLAIM: gives <paramref name="consumer"/> those of the ids idle at least <paramref name="minIdle"/>;
    /// returns the claimed entries that still exist.</summary>
    public ValueTask<IReadOnlyList<StreamEntry>> XClaimAsync(
        string key, string group, string consumer, TimeSpan minIdle, IReadOnlyCollection<StreamId> ids,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return RunAsync<IReadOnlyList<StreamEntry>>(
            Concat(["XCLAIM", key, group, consumer, (long)minIdle.TotalMilliseconds], [.. ids.Select(id => (RedisArgument)id)]),
            Replies.ToEntries, cancellationToken);
    }

    /// <summary>XGROUP CREATE from <paramref name="start"/> (<see cref="StreamId.LastEntry"/> for new entries only,
    /// <see cref="StreamId.Min"/> for everything). A group that exists throws with <c>IsBusyGroup</c>.</summary>
    public async ValueTask XGroupCreateAsync(
        string key, string group, StreamId start, bool makeStream = false, long? entriesRead = null,
        CancellationToken cancellationToken = default)
    {
        RequireGroupStart(start);
        var arguments = new List<RedisArgument>(8) { "XGROUP", "CREATE", key, group, start };
        if (makeStream)
        {
            arguments.Add("MKSTREAM");
        }

        if (entriesRead is { } read)
        {
            arguments.Add("ENTRIESREAD");
            arguments.Add(read);
        }

        await RunAsync([.. arguments], cancellationToken);
    }

    /// <summary>XGROUP SETID: moves the group's last-delivered id.</summary>
    public async ValueTask XGroupSetIdAsync(
        string key, string group, StreamId id, long? entriesRead = null, CancellationToken cancellationToken = default)
    {
        RequireGroupStart(id);
        await RunAsync(entriesRead is { } read
            ? ["XGROUP", "SETID", key, group, id, "ENTRIESREAD", read]
            : ["XGROUP", "SETID", key, group, id], cancellationToken);
    }

    /// <summary>XGROUP DESTROY: true when the group existed.</summary>
    public async ValueTask<bool> XGroupDestroyAsync(string key, string group, CancellationToken cancellationToken = default) =>
        await RunAsync(["XGROUP", "DESTROY", key, group], reply => reply.AsInt64(), cancellationToken) == 1;

    /// <summary>XGROUP CREATECONSUMER: true when the consumer was new.</summary>
    public async ValueTask<bool> XGroupCreateConsumerAsync(
        string key, string group, string consumer, CancellationToken cancellationToken = default) =>
        await RunAsync(["XGROUP", "CREATECONSUMER", key, group, consumer], reply => reply.AsInt64(), cancellationToken) == 1;

    /// <summary>XGROUP DELCONSUMER: returns how many entries the consumer still had pending (they are dropped).</summary>
    public ValueTask<long> XGroupDelConsumerAsync(string key, string group, string consumer, CancellationToken cancellationToken = default) =>
        RunAsync(["XGROUP", "DELCONSUMER", key, group, consumer], reply => reply.AsInt64(), cancellationToken);

    public ValueTask<StreamInfo> XInfoStreamAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync(["XINFO", "STREAM", key], reply =>
        {
            var map = Replies.ToMap(reply);
            return new StreamInfo(
                map["length"].AsInt64(),
                map["groups"].AsInt64(),
                Replies.ToStreamId(map["last-generated-id"]),
                Replies.Optional(map, "max-deleted-entry-id") is { } maxDeleted ? Replies.ToStreamId(maxDeleted) : null,
                Replies.Optional(map, "entries-added")?.AsInt64(),
                Replies.ToNullableEntry(map["first-entry"]),
                Replies.ToNullableEntry(map["last-entry"]));
        }, cancellationToken);

    public ValueTask<IReadOnlyList<StreamGroupInfo>> XInfoGroupsAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<StreamGroupInfo>>(["XINFO", "GROUPS", key], reply =>
        [
            .. reply.Items.Select(Replies.ToMap).Select(map => new StreamGroupInfo(
                Replies.ToText(map["name"]),
                map["consumers"].AsInt64(),
                map["pending"].AsInt64(),
                Replies.ToStreamId(map["last-delivered-id"]),
                Replies.Optional(map, "entries-read") is { } read ? Replies.ToNullableInt64(read) : null,
                Replies.Optional(map, "lag") is { } lag ? Replies.ToNullableInt64(lag) : null)),
        ], cancellationToken);

    public ValueTask<IReadOnlyList<StreamConsumerInfo>> XInfoConsumersAsync(
        string key, string group, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<StreamConsumerInfo>>(["XINFO", "CONSUMERS", key, group], reply =>
        [
            .. reply.Items.Select(Replies.ToMap).Select(map => new StreamConsumerInfo(
                Replies.ToText(map["name"]),
                map["pending"].AsInt64(),
                TimeSpan.FromMilliseconds(map["idle"].AsInt64()),
                Replies.Optional(map, "inactive") is { } inactive && inactive.AsInt64() >= 0
                    ? TimeSpan.FromMilliseconds(inactive.AsInt64())
                    : null)),
        ], cancellationToken);

    public ValueTask<long> XLenAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync(["XLEN", key], reply => reply.AsInt64(), cancellationToken);

    /// <summary>XRANGE from <paramref name="start"/> to <paramref name="end"/> (both inclusive; <see cref="StreamId.Min"/>
    /// and <see cref="StreamId.Max"/> for the whole stream).</summary>
    public ValueTask<IReadOnlyList<StreamEntry>> XRangeAsync(
        string key, StreamId start, StreamId end, int? count = null, CancellationToken cancellationToken = default) =>
        RangeAsync("XRANGE", key, start, end, count, cancellationToken);

    /// <summary>XREVRANGE: newest first, from <paramref name="end"/> down to <paramref name="start"/>.</summary>
    public ValueTask<IReadOnlyList<StreamEntry>> XRevRangeAsync(
        string key, StreamId end, StreamId start, int? count = null, CancellationToken cancellationToken = default) =>
        RangeAsync("XREVRANGE", key, end, start, count, cancellationToken);

    /// <summary>XTRIM: how many entries were evicted.</summary>
    public ValueTask<long> XTrimAsync(string key, StreamTrim trim, CancellationToken cancellationToken = default)
    {
        var arguments = new List<RedisArgument>(7) { "XTRIM", key };
        trim.AppendTo(arguments);
        return RunAsync([.. arguments], reply => reply.AsInt64(), cancellationToken);
    }

    /// <summary>XDEL: how many of the ids existed and were deleted.</summary>
    public ValueTask<long> XDelAsync(string key, IReadOnlyCollection<StreamId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return RunAsync(Concat(["XDEL", key], [.. ids.Select(id => (RedisArgument)id)]), reply => reply.AsInt64(), cancellationToken);
    }

    private async ValueTask<IReadOnlyList<StreamEntry>> ReadGroupAsync(
        RedisArgument[] arguments, TimeSpan extraTimeout, CancellationToken cancellationToken)
    {
        var reply = await RunAsync(arguments, extraTimeout, cancellationToken);
        return Replies.Convert<IReadOnlyList<StreamEntry>>(reply, "XREADGROUP", value =>
        {
            if (value.IsNull || value.Items.Length == 0)
            {
                return [];
            }

            // [[key, [entry, ...]]]; an entry deleted after delivery comes back as [id, nil] from the history.
            var entries = value.Items[0].Items[1].Items;
            var result = new StreamEntry[entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                var parts = entries[i].Items;
                result[i] = parts[1].IsNull ? new StreamEntry(Replies.ToStreamId(parts[0]), []) : Replies.ToEntry(entries[i]);
            }

            return result;
        });
    }

    private ValueTask<IReadOnlyList<StreamEntry>> RangeAsync(
        string command, string key, StreamId from, StreamId to, int? count, CancellationToken cancellationToken)
    {
        from.RequireConcrete();
        to.RequireConcrete();
        RedisArgument[] arguments = count is { } limit ? [command, key, from, to, "COUNT", limit] : [command, key, from, to];
        return RunAsync<IReadOnlyList<StreamEntry>>(arguments, Replies.ToEntries, cancellationToken);
    }

    private static void RequireGroupStart(StreamId id)
    {
        if (id == StreamId.NeverDelivered)
        {
            throw new ArgumentException("A group's start is '$' or a concrete id, not '>'.", nameof(id));
        }
    }
}
