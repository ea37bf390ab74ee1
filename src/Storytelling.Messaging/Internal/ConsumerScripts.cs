namespace Storytelling.Messaging.Internal;

/// <summary>
/// The engine's atomic steps. Idempotency keys hold the claiming delivery's token while it runs (with a lease) and
/// <c>done</c> after success; a key that another live delivery holds means "busy": the entry stays pending.
/// </summary>
internal static class ConsumerScripts
{
    /// <summary>
    /// Starts a window of deliveries (as many as can run at once). KEYS[1]: the group's attempts hash, KEYS[2]: the
    /// stream, then (when idempotency is on) one idempotency key per delivery. ARGV: lease ms, '1' when idempotency is
    /// on, '1' when the window runs alone, group, consumer, then pairs (token unique to the delivery, entry id). Per
    /// delivery: -5 = no longer pending for this consumer (acknowledged, dead-lettered or claimed by another consumer
    /// since it was read: nothing taken), -2 = already done, -3 = busy (another delivery holds the lease, even one in
    /// the same window), -4 = a handler started on it before without an outcome, so it must run alone (nothing taken),
    /// otherwise the attempt number now starting (the entry's attempts counter, bumped here, so only handlers that
    /// really start use up the retry budget).
    /// </summary>
    public static readonly LuaScript Start = new("""
        local result = {}
        local count = (#ARGV - 5) / 2
        for i = 1, count do
          local token = ARGV[4 + 2 * i]
          local entry = ARGV[5 + 2 * i]
          local status = 1
          if #redis.call('XPENDING', KEYS[2], ARGV[4], entry, entry, 1, ARGV[5]) == 0 then status = -5 end
          if status == 1 and ARGV[3] ~= '1' and tonumber(redis.call('HGET', KEYS[1], entry) or '0') > 0 then status = -4 end
          if status == 1 and ARGV[2] == '1' then
            local key = KEYS[i + 2]
            if not redis.call('SET', key, token, 'NX', 'PX', ARGV[1]) then
              local value = redis.call('GET', key)
              if value == 'done' then status = -2 elseif value ~= token then status = -3 end
            end
          end
          if status == 1 then status = redis.call('HINCRBY', KEYS[1], entry, 1) end
          result[i] = status
        end
        return result
        """);

    /// <summary>
    /// KEYS[1]: stream, KEYS[2]: attempts hash. ARGV: group, ttl seconds, then pairs (entry id, idempotency key or
    /// empty). Marks each key done, acknowledges each entry and forgets its attempts in one step, so a crash never
    /// leaves an event done but pending or acked but not done.
    /// </summary>
    public static readonly LuaScript Complete = new("""
        local acked = 0
        for i = 3, #ARGV, 2 do
          local key = ARGV[i + 1]
          if key ~= '' then redis.call('SET', key, 'done', 'EX', ARGV[2]) end
          acked = acked + redis.call('XACK', KEYS[1], ARGV[1], ARGV[i])
          redis.call('HDEL', KEYS[2], ARGV[i])
        end
        return acked
        """);

    /// <summary>
    /// KEYS[1]: failure record, KEYS[2]: idempotency key (or a dummy). ARGV: now, error type, message, consumer, ttl
    /// seconds, token. Records the failure, releases the lease if this delivery holds it; returns the first failure time.
    /// </summary>
    public static readonly LuaScript Fail = new("""
        redis.call('HSETNX', KEYS[1], 'first_failure', ARGV[1])
        redis.call('HSET', KEYS[1], 'last_failure', ARGV[1], 'error_type', ARGV[2], 'error_message', ARGV[3], 'consumer', ARGV[4])
        redis.call('EXPIRE', KEYS[1], ARGV[5])
        if redis.call('GET', KEYS[2]) == ARGV[6] then redis.call('DEL', KEYS[2]) end
        return redis.call('HGET', KEYS[1], 'first_failure')
        """);

    /// <summary>
    /// A handler stopped by shutdown: not an attempt that failed. KEYS[1]: attempts hash, KEYS[2]: idempotency key (or
    /// a dummy). ARGV: token, entry id. Releases the lease this delivery holds and gives back the attempt it started.
    /// </summary>
    public static readonly LuaScript Abandon = new("""
        if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
        if redis.call('HINCRBY', KEYS[1], ARGV[2], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[2]) end
        return 0
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
    /// KEYS[1]: source stream, KEYS[2]: dead-letter stream, KEYS[3]: failure record, KEYS[4]: attempts hash. ARGV:
    /// group, entry id, then field/value pairs. Acknowledges the entry and adds the dead letter in one step; returns
    /// the dead letter's id, or nil when the entry was no longer pending (another consumer settled it first), so an
    /// entry is dead-lettered once.
    /// </summary>
    public static readonly LuaScript DeadLetter = new("""
        if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return false end
        local fields = {}
        for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
        local id = redis.call('XADD', KEYS[2], '*', unpack(fields))
        redis.call('DEL', KEYS[3])
        redis.call('HDEL', KEYS[4], ARGV[2])
        return id
        """);
}
