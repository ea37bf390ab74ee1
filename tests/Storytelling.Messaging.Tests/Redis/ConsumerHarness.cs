using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.CloudEvents;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;
using Storytelling.Testing;

namespace Storytelling.Messaging.Tests.Redis;

/// <summary>A real Redis, a unique stream, group and dead-letter stream per test, and consumers run in the background.</summary>
internal sealed class ConsumerHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly List<(RedisStreamConsumer Consumer, CancellationTokenSource Stop, Task Run)> _consumers = [];
    private readonly string _prefix = UniqueNames.RedisKeyPrefix();

    private static readonly AsyncLocal<ConsumerHarness?> CurrentHarness = new();

    private ConsumerHarness(RedisClient redis)
    {
        CurrentHarness.Value = this;
        Redis = redis;
        Publisher = new RedisEventPublisher(redis);
    }

    private static ConsumerHarness? Current => CurrentHarness.Value;

    public RedisClient Redis { get; }

    public RedisEventPublisher Publisher { get; }

    public string Stream => _prefix + "events";

    public string DeadLetters => _prefix + "failed";

    public string Group { get; } = $"group-{Guid.NewGuid():N}";

    public static async Task<ConsumerHarness> StartAsync() =>
        new(await RedisClient.ConnectAsync(new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort }));

    public ConsumerOptions Options(string consumer = "consumer-1") => new()
    {
        SourceStream = Stream,
        ConsumerGroup = Group,
        ConsumerName = consumer,
        DeadLetterStream = DeadLetters,
        ConsumeEvents = [],
        PollIntervalMs = 200,
        BatchSize = 20,
        ConcurrentTasks = 4,
        MaxRetries = 3,
        RetryDelaySeconds = 0.02,
        ReclaimIdleSeconds = 1,
        ShutdownTimeoutSeconds = 5,
        ProcessBacklog = false,
    };

    public RedisStreamConsumer Run(ConsumerOptions options, Func<EventContext, Task> handle, ILogger? logger = null)
    {
        var consumer = new RedisStreamConsumer(Redis, options, new DelegateEventProcessor(handle), logger ?? NullLogger.Instance);
        var stop = new CancellationTokenSource();
        _consumers.Add((consumer, stop, Task.Run(() => consumer.RunAsync(stop.Token))));
        return consumer;
    }

    public async Task StopAsync(RedisStreamConsumer consumer)
    {
        var (_, stop, run) = _consumers.Single(c => c.Consumer == consumer);
        await stop.CancelAsync();
        await run.WaitAsync(Patience);
    }

    public static CloudEvent Event(string id, string type = EventTypes.DocumentCleaned, string source = "/test") =>
        CloudEvent.Create(type, source, new { n = id }) with { Id = id };

    public Task<StreamId> PublishAsync(CloudEvent cloudEvent) => Publisher.PublishAsync(Stream, cloudEvent, CancellationToken.None);

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            var faulted = Current?._consumers.FirstOrDefault(c => c.Run.IsFaulted).Run;
            if (faulted is not null)
            {
                throw new InvalidOperationException($"A consumer died while waiting for: {what}", faulted.Exception);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {Patience.TotalSeconds} s: {what}");
            }

            await Task.Delay(20);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition, string what) => EventuallyAsync(() => Task.FromResult(condition()), what);

    public async Task<long> PendingAsync() => (await Redis.XPendingAsync(Stream, Group)).Count;

    public async ValueTask DisposeAsync()
    {
        foreach (var (consumer, stop, run) in _consumers)
        {
            await stop.CancelAsync();
            try
            {
                await run.WaitAsync(Patience);
            }
            catch (OperationCanceledException)
            {
                // A consumer stopped by its token.
            }

            consumer.Dispose();
            stop.Dispose();
        }

        await Redis.DelAsync([Stream, DeadLetters]);
        await Redis.DisposeAsync();
    }
}
