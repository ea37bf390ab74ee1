namespace Storytelling.Messaging.Internal;

/// <summary>
/// The engine's atomic steps. Idempotency keys hold the claiming delivery's token while it runs (with a lease) and
/// <c>done</c> after success; a key that another live delivery holds means "busy": the entry stays pending.
/// </summary>
internal static class ConsumerScripts
{
    /// <summary>
    /// KEYS: idempotency keys. ARGV: lease ms, then one token per key (unique per delivery). Returns per key
    /// 1 = claimed, 2 = already done, 3 = busy (another delivery holds it, even one in the same batch).
    /// </summary>
    public static readonly LuaScript Claim = new("""
        local result = {}
        for i, key in ipairs(KEYS) do
          local token = ARGV[i + 1]
          if redis.call('SET', key, token, 'NX', 'PX', ARGV[1]) then
            result[i] = 1
          else
            local value = redis.call('GET', key)
            if value == 'done' then result[i] = 2 elseif value == token then result[i] = 1 else result[i] = 3 end
          end
        end
        return result
        """);

    /// <summary>
    /// KEYS[1]: stream. ARGV: group, ttl seconds, then pairs (entry id, idempotency key or empty). Marks each key done
    /// and acknowledges each entry in one step, so a crash never leaves an event done but pending or acked but not done.
    /// </summary>
    public static readonly LuaScript Complete = new("""
        local acked = 0
        for i = 3, #ARGV, 2 do
          local key = ARGV[i + 1]
          if key ~= '' then redis.call('SET', key, 'done', 'EX', ARGV[2]) end
          acked = acked + redis.call('XACK', KEYS[1], ARGV[1], ARGV[i])
        end
        return acked
        """);

    /// <summary>
    /// KEYS[1]: failure record, KEYS[2]: idempotency key (or a dummy). ARGV: now, error type, message, consumer, ttl
    /// seconds, token. Records the failure, releases the lease if this delivery holds it; returns {first failure, attempts}.
    /// </summary>
    public static readonly LuaScript Fail = new("""
        redis.call('HSETNX', KEYS[1], 'first_failure', ARGV[1])
        redis.call('HSET', KEYS[1], 'last_failure', ARGV[1], 'error_type', ARGV[2], 'error_message', ARGV[3], 'consumer', ARGV[4])
        local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
        redis.call('EXPIRE', KEYS[1], ARGV[5])
        if redis.call('GET', KEYS[2]) == ARGV[6] then redis.call('DEL', KEYS[2]) end
        return {redis.call('HGET', KEYS[1], 'first_failure'), attempts}
        """);

    /// <summary>KEYS: idempotency keys. ARGV: one token per key. Releases the leases these deliveries hold.</summary>
    public static readonly LuaScript Release = new("""
        for i, key in ipairs(KEYS) do
          if redis.call('GET', key) == ARGV[i] then redis.call('DEL', key) end
        end
        return 0
        """);

    /// <summary>KEYS: idempotency keys. ARGV: lease ms, then one token per key. Extends the leases these deliveries still hold.</summary>
    public static readonly LuaScript Renew = new("""
        for i, key in ipairs(KEYS) do
          if redis.call('GET', key) == ARGV[i + 1] then redis.call('PEXPIRE', key, ARGV[1]) end
        end
        return 0
        """);

    /// <summary>
    /// KEYS[1]: source stream, KEYS[2]: dead-letter stream, KEYS[3]: failure record. ARGV: group, entry id, then
    /// field/value pairs. Adds the dead letter and acknowledges the entry in one step; returns the dead letter's id.
    /// </summary>
    public static readonly LuaScript DeadLetter = new("""
        local fields = {}
        for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
        local id = redis.call('XADD', KEYS[2], '*', unpack(fields))
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('DEL', KEYS[3])
        return id
        """);
}
