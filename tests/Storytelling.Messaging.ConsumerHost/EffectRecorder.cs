using Storytelling.Redis;

namespace Storytelling.Messaging.ConsumerHost;

/// <summary>
/// The handler: simulates a little work, then records the event's effect under a key of its own (written once, ever)
/// and, separately, counts every execution, so a repeated execution shows while the effect stays single. An event
/// whose id starts with <c>crashOn</c> counts the start and kills the whole process (SIGKILL), every time.
/// </summary>
internal sealed class EffectRecorder(RedisClient redis, string prefix, int maxWorkMs, string? crashOn) : IEventProcessor
{
    /// <summary>
    /// KEYS: effect key, effects counter, executions counter, runs hash. ARGV: event id. Atomic, so a crash never
    /// leaves the effect written but not counted.
    /// </summary>
    private const string Record = """
        if redis.call('SET', KEYS[1], '1', 'NX') then redis.call('INCR', KEYS[2]) end
        redis.call('INCR', KEYS[3])
        redis.call('HINCRBY', KEYS[4], ARGV[1], 1)
        return 0
        """;

    public async Task HandleAsync(EventContext context)
    {
        if (crashOn is not null && context.Event.Id.StartsWith(crashOn, StringComparison.Ordinal))
        {
            await redis.ExecuteAsync(["INCR", $"{prefix}crash-starts"], context.CancellationToken);
            await Console.Error.WriteLineAsync($"crash-on: killing myself on {context.Event.Id} (attempt {context.Attempt})");
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            self.Kill();
        }

        var work = Random.Shared.Next(maxWorkMs + 1);
        if (work > 0)
        {
            await Task.Delay(work, context.CancellationToken);
        }

        var id = context.Event.Id;
        await redis.EvalAsync(Record, [$"{prefix}effect:{id}", $"{prefix}effects", $"{prefix}executions", $"{prefix}runs"], [id], context.CancellationToken);
    }
}
