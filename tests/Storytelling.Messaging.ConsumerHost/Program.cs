using Microsoft.Extensions.Logging;
using Storytelling.Messaging;
using Storytelling.Messaging.ConsumerHost;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;

HostArguments arguments;
try
{
    arguments = HostArguments.Parse(args);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    await Console.Error.WriteLineAsync(HostArguments.Usage);
    return 2;
}

using var loggerFactory = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Warning)
    .AddSimpleConsole(console => console.SingleLine = true)
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
await using var redis = await RedisClient.ConnectAsync(new RedisOptions { Host = arguments.RedisHost, Port = arguments.RedisPort });
var options = new ConsumerOptions
{
    SourceStream = arguments.Stream,
    ConsumerGroup = arguments.Group,
    ConsumerName = arguments.Consumer,
    DeadLetterStream = arguments.DeadLetterStream,
    BatchSize = arguments.BatchSize,
    ConcurrentTasks = arguments.Concurrency,
    ReclaimIdleSeconds = arguments.ReclaimIdleSeconds,
    MaxRetries = arguments.MaxRetries,
    DeduplicationTtlHours = arguments.DeduplicationTtlHours,
    RetryDelaySeconds = 0.05,
    PollIntervalMs = 200,
    ShutdownTimeoutSeconds = 2,
};
var recorder = new EffectRecorder(redis, arguments.KeyPrefix, arguments.MaxWorkMs, arguments.CrashOn);
using var consumer = new RedisStreamConsumer(redis, options, recorder, loggerFactory.CreateLogger("consumer-host"));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var orphanWatch = arguments.ParentProcessId is { } parent ? ParentWatch.StopWhenGoneAsync(parent, stop) : Task.CompletedTask;
var running = consumer.RunAsync(stop.Token);
await Console.Out.WriteLineAsync($"running consumer={arguments.Consumer} pid={Environment.ProcessId}");
await Console.Out.FlushAsync();
await running;
await stop.CancelAsync();
await orphanWatch;
return 0;
