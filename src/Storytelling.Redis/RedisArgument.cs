namespace Storytelling.Redis;

/// <summary>
/// One argument of a command, sent as a RESP bulk string: text (encoded UTF-8), bytes (sent as they are),
/// an integer (formatted invariantly) or a stream id. Bytes are not copied: keep them unchanged until the
/// command completes.
/// </summary>
public readonly record struct RedisArgument
{
    private RedisArgument(Kinds kind, string? text, ReadOnlyMemory<byte> bytes, long integer, StreamId id)
    {
        Kind = kind;
        Text = text;
        Bytes = bytes;
        Integer = integer;
        Id = id;
    }

    internal enum Kinds : byte
    {
        Text,
        Bytes,
        Integer,
        StreamId,
    }

    internal Kinds Kind { get; }

    internal string? Text { get; }

    internal ReadOnlyMemory<byte> Bytes { get; }

    internal long Integer { get; }

    internal StreamId Id { get; }

    public static implicit operator RedisArgument(string text) => FromString(text);

    public static implicit operator RedisArgument(ReadOnlyMemory<byte> bytes) => FromBytes(bytes);

    public static implicit operator RedisArgument(byte[] bytes) => FromBytes(bytes);

    public static implicit operator RedisArgument(long value) => FromInt64(value);

    public static implicit operator RedisArgument(StreamId id) => FromStreamId(id);

    public static RedisArgument FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(Kinds.Text, text, default, 0, default);
    }

    public static RedisArgument FromBytes(ReadOnlyMemory<byte> bytes) => new(Kinds.Bytes, null, bytes, 0, default);

    public static RedisArgument FromInt64(long value) => new(Kinds.Integer, null, default, value, default);

    public static RedisArgument FromStreamId(StreamId id) => new(Kinds.StreamId, null, default, 0, id);

    /// <summary>The bytes this argument is sent as (UTF-8 for text, invariant digits for numbers and ids).</summary>
    public ReadOnlyMemory<byte> ToBytes() => Kind == Kinds.Bytes ? Bytes : System.Text.Encoding.UTF8.GetBytes(ToString());

    public override string ToString() => Kind switch
    {
        Kinds.Text => Text!,
        Kinds.Bytes => $"<{Bytes.Length} bytes>",
        Kinds.Integer => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Id.ToString(),
    };
}
