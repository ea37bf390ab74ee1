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
}
