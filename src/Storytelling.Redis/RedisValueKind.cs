namespace Storytelling.Redis;

/// <summary>The RESP2 reply types.</summary>
public enum RedisValueKind
{
    SimpleString,
    Error,
#pragma warning disable CA1720 // RESP2's own name for the type.
    Integer,
#pragma warning restore CA1720
    BulkString,
    Array,
}
