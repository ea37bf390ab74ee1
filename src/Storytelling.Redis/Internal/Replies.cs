using System.Text;

namespace Storytelling.Redis.Internal;

/// <summary>Turns raw replies into typed results; a reply of the wrong shape is a <see cref="RedisProtocolException"/>.</summary>
internal static class Replies
{
    public static T Convert<T>(RedisValue reply, string command, Func<RedisValue, T> convert)
    {
        try
        {
            return convert(reply);
        }
        catch (Exception ex) when (ex is InvalidCastException or IndexOutOfRangeException or FormatException or KeyNotFoundException)
        {
            throw new RedisProtocolException($"Unexpected {command} reply ({ex.Message}): {reply}");
        }
    }

    public static StreamId ToStreamId(RedisValue value) =>
        StreamId.TryParse(value.AsBytes().Span, out var id) && id.IsConcrete
            ? id
            : throw new FormatException($"'{value}' is not a stream id.");

    public static StreamId? ToNullableStreamId(RedisValue value) => value.IsNull ? null : ToStreamId(value);

    public static string ToText(RedisValue value) =>
        value.AsString() ?? throw new InvalidCastException("Expected text, got null.");

    public static long? ToNullableInt64(RedisValue value) => value.IsNull ? null : value.AsInt64();

    public static StreamEntry ToEntry(RedisValue value)
    {
        var parts = value.Items;
        var id = ToStreamId(parts[0]);
        var raw = parts[1].Items;
        if (raw.Length % 2 != 0)
        {
            throw new InvalidCastException($"Entry {id} has an odd number of field/value items.");
        }

        var fields = new KeyValuePair<string, ReadOnlyMemory<byte>>[raw.Length / 2];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = new(Encoding.UTF8.GetString(raw[2 * i].AsBytes().Span), raw[2 * i + 1].AsBytes());
        }

        return new StreamEntry(id, fields);
    }

    public static StreamEntry? ToNullableEntry(RedisValue value) => value.IsNull ? null : ToEntry(value);

    /// <summary>Entries of an array; null items (entries deleted meanwhile, before Redis 7) are left out.</summary>
    public static StreamEntry[] ToEntries(RedisValue value)
    {
        var items = value.Items;
        var entries = new List<StreamEntry>(items.Length);
        foreach (var item in items)
        {
            if (!item.IsNull)
            {
                entries.Add(ToEntry(item));
            }
        }

        return [.. entries];
    }

    /// <summary>A flat name/value array (XINFO replies) as a dictionary.</summary>
    public static Dictionary<string, RedisValue> ToMap(RedisValue value)
    {
        var items = value.Items;
        var map = new Dictionary<string, RedisValue>(items.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            map[ToText(items[i])] = items[i + 1];
        }

        return map;
    }

    public static RedisValue? Optional(Dictionary<string, RedisValue> map, string key) =>
        map.TryGetValue(key, out var value) ? value : null;
}
