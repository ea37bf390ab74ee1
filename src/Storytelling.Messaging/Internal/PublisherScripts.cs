namespace Storytelling.Messaging.Internal;

/// <summary>Publishing steps that must happen together.</summary>
internal static class PublisherScripts
{
    /// <summary>
    /// KEYS[1]: stream, KEYS[2]: the event's publish marker. ARGV[1]: marker TTL seconds, ARGV[2]: approximate MAXLEN
    /// (0 = none), then the entry's field/value pairs. Adds the entry only if the marker was not set yet, in one step;
    /// returns the new entry id, or nil when the event was published before.
    /// </summary>
    public static readonly LuaScript PublishOnce = new("""
        if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then return false end
        local fields = {}
        for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
        if ARGV[2] ~= '0' then
          return redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', unpack(fields))
        end
        return redis.call('XADD', KEYS[1], '*', unpack(fields))
        """);

    /// <summary>
    /// <see cref="PublishOnce"/> that also counts: KEYS[3] is a counter incremented (and given the marker TTL) when the
    /// entry is added. Returns { 1 if added now else 0, the counter's value }.
    /// </summary>
    public static readonly LuaScript PublishOnceCounted = new("""
        local added = 0
        if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then
          local fields = {}
          for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
          if ARGV[2] ~= '0' then
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', unpack(fields))
          else
            redis.call('XADD', KEYS[1], '*', unpack(fields))
          end
          redis.call('INCR', KEYS[3])
          redis.call('EXPIRE', KEYS[3], ARGV[1])
          added = 1
        end
        return { added, tonumber(redis.call('GET', KEYS[3]) or '0') }
        """);
}
