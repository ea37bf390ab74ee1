namespace Storytelling.Redis;

/// <summary>
/// A trimming rule for XADD and XTRIM: keep at most <c>MAXLEN</c> entries, or drop entries below <c>MINID</c>.
/// Approximate (<c>~</c>, the default) lets Redis trim whole nodes, which is much cheaper; <c>Limit</c> caps
/// how many entries one call evicts (approximate only).
/// </summary>
public readonly record struct StreamTrim
{
    private StreamTrim(long? maxLength, StreamId minId, bool approximate, long? limit)
    {
        MaxLength = maxLength;
        MinId = minId;
        Approximate = approximate;
        Limit = limit;
    }

    public long? MaxLength { get; }

    public StreamId MinId { get; }

    public bool Approximate { get; }

    public long? Limit { get; }

    public static StreamTrim ToMaxLength(long maxLength, bool approximate = true, long? limit = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        return new(maxLength, default, approximate, CheckLimit(limit, approximate));
    }

    public static StreamTrim ToMinId(StreamId minId, bool approximate = true, long? limit = null)
    {
        minId.RequireConcrete();
        return new(null, minId, approximate, CheckLimit(limit, approximate));
    }

    internal void AppendTo(List<RedisArgument> arguments)
    {
        arguments.Add(MaxLength is null ? "MINID" : "MAXLEN");
        arguments.Add(Approximate ? "~" : "=");
        arguments.Add(MaxLength is { } maxLength ? maxLength : MinId);
        if (Limit is { } limit)
        {
            arguments.Add("LIMIT");
            arguments.Add(limit);
        }
    }

    private static long? CheckLimit(long? limit, bool approximate)
    {
        if (limit is not null && !approximate)
        {
            throw new ArgumentException("LIMIT only applies to approximate (~) trimming.", nameof(limit));
        }

        return limit is < 0 ? throw new ArgumentOutOfRangeException(nameof(limit)) : limit;
    }
}
