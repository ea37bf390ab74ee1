using Storytelling.Testing;

namespace Storytelling.Redis.Tests;

public sealed class RedisStreamCommandsTests
{
    private readonly string stream = UniqueNames.RedisKeyPrefix() + "stream";

    [Fact]
    public async Task Reading_after_the_stream_was_deleted_is_a_typed_NOGROUP_error()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await redis.XGroupCreateAsync(stream, "g", StreamId.LastEntry, makeStream: true);
        await redis.DelAsync(stream);

        var error = await Assert.ThrowsAsync<RedisServerException>(async () =>
            await redis.XReadGroupAsync("g", "c", stream, StreamId.NeverDelivered, count: 1));
        Assert.True(error.IsNoGroup);
        Assert.StartsWith("NOGROUP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_group_twice_is_a_typed_BUSYGROUP_error()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await redis.XGroupCreateAsync(stream, "g", StreamId.Min, makeStream: true);

        var error = await Assert.ThrowsAsync<RedisServerException>(async () =>
            await redis.XGroupCreateAsync(stream, "g", StreamId.Min, makeStream: true));
        Assert.True(error.IsBusyGroup);
    }

    [Fact]
    public async Task XAUTOCLAIM_gives_an_idle_entry_to_another_consumer_and_lists_deleted_ones()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await redis.XGroupCreateAsync(stream, "g", StreamId.Min, makeStream: true);
        var kept = (await redis.XAddAsync(stream, RedisTestServer.Fields(("n", "1"))))!.Value;
        var gone = (await redis.XAddAsync(stream, RedisTestServer.Fields(("n", "2"))))!.Value;
        Assert.Equal(2, (await redis.XReadGroupAsync("g", "crashed", stream, StreamId.NeverDelivered, count: 10)).Count);
        await redis.XDelAsync(stream, [gone]);

        // Redis drops deleted ids from the pending list whatever their idle time, so they may come in an earlier call.
        AutoClaimResult? claim = null;
        var deleted = new List<StreamId>();
        await RedisTestServer.EventuallyAsync(async () =>
        {
            claim = await redis.XAutoClaimAsync(stream, "g", "rescuer", TimeSpan.FromMilliseconds(50), StreamId.Min, count: 10);
            deleted.AddRange(claim.DeletedIds);
            return claim.Entries.Count > 0;
        }, "the entry became idle and was claimed");

        var entry = Assert.Single(claim!.Entries);
        Assert.Equal(kept, entry.Id);
        Assert.Equal("1", entry.GetString("n"));
        Assert.Equal([gone], deleted);
        Assert.Equal(StreamId.Min, claim.NextStartId);
        var pending = Assert.Single(await redis.XPendingAsync(stream, "g", StreamId.Min, StreamId.Max, 10));
        Assert.Equal("rescuer", pending.Consumer);
    }

    [Fact]
    public async Task XPENDING_shows_the_summary_and_each_entry_with_its_delivery_count()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await redis.XGroupCreateAsync(stream, "g", StreamId.Min, makeStream: true);
        var first = (await redis.XAddAsync(stream, RedisTestServer.Fields(("n", "1"))))!.Value;
        var second = (await redis.XAddAsync(stream, RedisTestServer.Fields(("n", "2"))))!.Value;
        await redis.XReadGroupAsync("g", "a", stream, StreamId.NeverDelivered, count: 10);
        var claimed = await redis.XClaimAsync(stream, "g", "b", TimeSpan.Zero, [second]);
        Assert.Equal(second, Assert.Single(claimed).Id);

        var summary = await redis.XPendingAsync(stream, "g");
        Assert.Equal(2, summary.Count);
        Assert.Equal(first, summary.LowestId);
        Assert.Equal(second, summary.HighestId);
        Assert.Equal([new PendingConsumer("a", 1), new PendingConsumer("b", 1)], summary.Consumers.OrderBy(c => c.Name));

        var entries = await redis.XPendingAsync(stream, "g", StreamId.Min, StreamId.Max, 10);
        Assert.Equal([(first, "a", 1L), (second, "b", 2L)], entries.Select(e => (e.Id, e.Consumer, e.DeliveryCount)));
        Assert.Single(await redis.XPendingAsync(stream, "g", StreamId.Min, StreamId.Max, 10, consumer: "b"));
        Assert.Empty(await redis.XPendingAsync(stream, "g", StreamId.Min, StreamId.Max, 10, minIdle: TimeSpan.FromHours(1)));

        Assert.Equal(2, await redis.XAckAsync(stream, "g", [first, second]));
        var empty = await redis.XPendingAsync(stream, "g");
        Assert.Equal(0, empty.Count);
        Assert.Null(empty.LowestId);
        Assert.Empty(empty.Consumers);
    }

    [Fact]
    public async Task XINFO_reports_stream_groups_and_consumers_typed()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await redis.XGroupCreateAsync(stream, "g", StreamId.Min, makeStream: true);
        var ids = new List<StreamId>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await redis.XAddAsync(stream, RedisTestServer.Fields(("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))))!.Value);
        }

        await redis.XReadGroupAsync("g", "worker", stream, StreamId.NeverDelivered, count: 1);

        var info = await redis.XInfoStreamAsync(stream);
        Assert.Equal(3, info.Length);
        Assert.Equal(1, info.Groups);
        Assert.Equal(ids[2], info.LastGeneratedId);
        Assert.Equal(3, info.EntriesAdded);
        Assert.Equal(ids[0], info.FirstEntry!.Id);
        Assert.Equal("2", info.LastEntry!.GetString("n"));

        var group = Assert.Single(await redis.XInfoGroupsAsync(stream));
        Assert.Equal(new StreamGroupInfo("g", 1, 1, ids[0], 1, 2), group);

        var consumer = Assert.Single(await redis.XInfoConsumersAsync(stream, "g"));
        Assert.Equal("worker", consumer.Name);
        Assert.Equal(1, consumer.Pending);
        Assert.True(consumer.Idle >= TimeSpan.Zero);
    }

    [Fact]
    public async Task XADD_trims_by_length_and_minimum_id_and_honours_NOMKSTREAM()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        Assert.Null(await redis.XAddAsync(stream, RedisTestServer.Fields(("a", "b")), noMakeStream: true));
        Assert.False(await redis.ExistsAsync(stream));

        for (var i = 1; i <= 10; i++)
        {
            await redis.XAddAsync(stream, RedisTestServer.Fields(("a", "b")), id: new StreamId((ulong)i, 0), trim: StreamTrim.ToMaxLength(5, approximate: false));
        }

        Assert.Equal(5, await redis.XLenAsync(stream));
        await redis.XAddAsync(stream, RedisTestServer.Fields(("a", "b")), trim: StreamTrim.ToMinId(new StreamId(9, 0), approximate: false));
        Assert.Equal(3, await redis.XLenAsync(stream));
        Assert.Equal(1, await redis.XTrimAsync(stream, StreamTrim.ToMaxLength(2, approximate: false)));
        await redis.XTrimAsync(stream, StreamTrim.ToMaxLength(0, approximate: true, limit: 100));
    }

    [Fact]
    public async Task XRANGE_and_XREVRANGE_return_entries_in_order_with_COUNT()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        for (var i = 1; i <= 5; i++)
        {
            await redis.XAddAsync(stream, RedisTestServer.Fields(("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))), id: new StreamId(100, (ulong)i));
        }

        var forward = await redis.XRangeAsync(stream, new StreamId(100, 2), StreamId.Max, count: 2);
        Assert.Equal(["2", "3"], forward.Select(e => e.GetString("i")));
        var backward = await redis.XRevRangeAsync(stream, StreamId.Max, StreamId.Min, count: 2);
        Assert.Equal(["5", "4"], backward.Select(e => e.GetString("i")));
        Assert.Equal(2, await redis.XDelAsync(stream, [new StreamId(100, 1), new StreamId(100, 5), new StreamId(1, 1)]));
        Assert.Equal(3, await redis.XLenAsync(stream));
    }

    [Fact]
    public async Task Reading_the_pending_history_shows_entries_deleted_meanwhile_as_deleted()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await redis.XGroupCreateAsync(stream, "g", StreamId.Min, makeStream: true);
        var id = (await redis.XAddAsync(stream, RedisTestServer.Fields(("a", "b"))))!.Value;
        await redis.XReadGroupAsync("g", "c", stream, StreamId.NeverDelivered);
        await redis.XDelAsync(stream, [id]);

        var entry = Assert.Single(await redis.XReadGroupAsync("g", "c", stream, StreamId.Min));
        Assert.Equal(id, entry.Id);
        Assert.True(entry.IsDeleted);
    }

    [Fact]
    public async Task Group_management_commands_report_what_they_did()
    {
        await using var redis = await RedisTestServer.ConnectAsync();
        await redis.XGroupCreateAsync(stream, "g", StreamId.LastEntry, makeStream: true, entriesRead: 0);
        Assert.True(await redis.XGroupCreateConsumerAsync(stream, "g", "c1"));
        Assert.False(await redis.XGroupCreateConsumerAsync(stream, "g", "c1"));
        await redis.XAddAsync(stream, RedisTestServer.Fields(("a", "b")));
        await redis.XGroupSetIdAsync(stream, "g", StreamId.Min);
        Assert.Single(await redis.XReadGroupAsync("g", "c1", stream, StreamId.NeverDelivered));
        Assert.Equal(1, await redis.XGroupDelConsumerAsync(stream, "g", "c1"));
        Assert.True(await redis.XGroupDestroyAsync(stream, "g"));
        Assert.False(await redis.XGroupDestroyAsync(stream, "g"));
    }
}
