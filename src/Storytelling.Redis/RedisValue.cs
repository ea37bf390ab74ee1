using System.Globalization;
using System.Text;

namespace Storytelling.Redis;

/// <summary>
/// One RESP2 reply: a simple string, an error, an integer, a bulk string (bytes, possibly null) or an array
/// (possibly null, possibly nested). Bulk strings own a copy of their bytes, so a value outlives the read buffer.
/// </summary>
public readonly record struct RedisValue
{
    private readonly object? payload;
    private readonly long integer;

    private RedisValue(RedisValueKind kind, object? payload, long integer)
    {
        Kind = kind;
        this.payload = payload;
        this.integer = integer;
    }

    public RedisValueKind Kind { get; }

    /// <summary>A null bulk string (<c>$-1</c>) or null array (<c>*-1</c>).</summary>
    public bool IsNull => payload is null && Kind is RedisValueKind.BulkString or RedisValueKind.Array;

    public bool IsError => Kind == RedisValueKind.Error;

    public static RedisValue SimpleString(string text) => new(RedisValueKind.SimpleString, text, 0);

    public static RedisValue Error(string message) => new(RedisValueKind.Error, message, 0);

#pragma warning disable CA1720 // RESP2 calls this reply type "Integer".
    public static RedisValue Integer(long value) => new(RedisValueKind.Integer, null, value);
#pragma warning restore CA1720

    public static RedisValue Bulk(byte[]? bytes) => new(RedisValueKind.BulkString, bytes, 0);

    public static RedisValue Array(RedisValue[]? items) => new(RedisValueKind.Array, items, 0);

    /// <summary>The integer value; a bulk or simple string holding a number is parsed.</summary>
    public long AsInt64() => Kind switch
    {
        RedisValueKind.Integer => integer,
        RedisValueKind.BulkString or RedisValueKind.SimpleString when !IsNull &&
            long.TryParse(AsString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new InvalidCastException($"A {Describe()} reply is not an integer."),
    };

    /// <summary>The text of a simple string, error or bulk string (UTF-8), an integer as text, or null for a null reply.</summary>
    public string? AsString() => Kind switch
    {
        RedisValueKind.SimpleString or RedisValueKind.Error => (string)payload!,
        RedisValueKind.Integer => integer.ToString(CultureInfo.InvariantCulture),
        RedisValueKind.BulkString => payload is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null,
        _ => throw new InvalidCastException($"A {Describe()} reply is not a string."),
    };

    /// <summary>The bytes of a bulk string (empty for null), or the UTF-8 bytes of a simple string.</summary>
    public ReadOnlyMemory<byte> AsBytes() => Kind switch
    {
        RedisValueKind.BulkString => payload as byte[] ?? ReadOnlyMemory<byte>.Empty,
        RedisValueKind.SimpleString => Encoding.UTF8.GetBytes((string)payload!),
        _ => throw new InvalidCastException($"A {Describe()} reply is not a bulk string."),
    };

    /// <summary>The items of an array (empty for a null array).</summary>
    public IReadOnlyList<RedisValue> AsArray() => Items;

    internal RedisValue[] Items => Kind == RedisValueKind.Array
        ? payload as RedisValue[] ?? []
        : throw new InvalidCastException($"A {Describe()} reply is not an array.");

    public override string ToString() => Kind switch
    {
        RedisValueKind.Array when IsNull => "(null array)",
        RedisValueKind.Array => "[" + string.Join(", ", Items) + "]",
        RedisValueKind.BulkString when IsNull => "(null)",
        RedisValueKind.Error => "(error) " + AsString(),
        _ => AsString() ?? string.Empty,
    };

    private string Describe() => IsNull ? $"null {Kind}" : Kind.ToString();
}
