namespace Storytelling.Messaging.Internal;

/// <summary>Operator steps on the dead-letter stream that must happen together.</summary>
internal static class DeadLetterScripts
{
    /// <summary>
    /// KEYS[1]: dead-letter stream, KEYS[2]: source stream, KEYS[3]: replay counter. ARGV[1]: dead letter id, then the
    /// field/value pairs to publish. Publishes them to the source stream, deletes the dead letter and counts the
    /// replay in one step; returns the new entry id, or nil when the dead letter no longer exists.
    /// </summary>
    public static readonly LuaScript Replay = new("""
        if #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1]) == 0 then return false end
        local fields = {}
        for i = 2, #ARGV do fields[#fields + 1] = ARGV[i] end
        local id = redis.call('XADD', KEYS[2], '*', unpack(fields))
        redis.call('XDEL', KEYS[1], ARGV[1])
        redis.call('INCR', KEYS[3])
        return id
        """);
}
