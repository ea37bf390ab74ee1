using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;

namespace Storytelling.Cli.Benchmarks;

/// <summary>
/// <c>storytelling bench consumer</c>: the consumer-group engine against a real Redis. Three figures from one run:
/// <list type="bullet">
/// <item><c>raw_xadd_per_second</c>: pipelined XADD of the same entries, the physical reference;</item>
/// <item><c>events_per_second</c>: events published before the consumer starts, then consumed, handled (no-op) and
/// acknowledged with idempotency on by one consumer in this process, timed from its start to the last acknowledgement;</item>
/// <item><c>latency_p50_ms</c>/<c>latency_p99_ms</c>: publication (the event's <c>time</c>, set just before XADD) to
/// handler start, at a steady offered load paced by the publisher.</item>
/// </list>
/// Every stream, group and key is unique to the run and removed after it.
/// </summary>
public static class ConsumerBenchmark
{
    private const int PublishChunk = 5_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static Command CreateCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var redis = new Option<string?>("--redis") { Description = "Redis as HOST:PORT instead of the redis.host and redis.port settings." };
        var events = new Option<int>("--events") { Description = "Events for the throughput run.", DefaultValueFactory = _ => 100_000 };
        var batchSize = new Option<int>("--batch-size") { Description = "The consumer's batch size (XREADGROUP COUNT).", DefaultValueFactory = _ => 500 };
        var concurrency = new Option<int>("--concurrency") { Description = "The consumer's concurrent handlers.", DefaultValueFactory = _ => 16 };
        var rate = new Option<int>("--rate") { Description = "Offered load of the latency run, events per second.", DefaultValueFactory = _ => 1_000 };
        var seconds = new Option<double>("--latency-seconds") { Description = "Length of the latency run.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of text." };
        var output = new Option<string?>("--output") { Description = "Also write the JSON object to this file." };
        var command = new Command("consumer", "Consumer-group engine: events/s publish→consume→ack with idempotency, publish→handler latency at a steady load, raw XADD/s.")
        {
            redis, events, batchSize, concurrency, rate, seconds, json, output,
        };
        register(command, (context, cancellationToken) =>
        {
            var parse = context.ParseResult;
            var settings = new Settings(
                parse.GetValue(events), parse.GetValue(batchSize), parse.GetValue(concurrency), parse.GetValue(rate), parse.GetValue(seconds));
            return RunAsync(context, parse.GetValue(redis), settings, parse.GetValue(json), parse.GetValue(output), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string? endpoint, Settings settings, bool asJson, string? outputPath, CancellationToken cancellationToken)
    {
        settings.Validate();
        var options = context.Settings.Bind<RedisOptions>(RedisOptions.SectionName);
        if (endpoint is not null)
        {
            (options.Host, options.Port) = ParseEndpoint(endpoint);
        }

        await using var redis = await RedisClient.ConnectAsync(options, cancellationToken: cancellationToken);
        await using var publisherRedis = await RedisClient.ConnectAsync(options, cancellationToken: cancellationToken);
        var run = new Run($"bench:{Guid.NewGuid():N}:");
        try
        {
            var raw = await RawXAddAsync(publisherRedis, run, settings.Events, cancellationToken);
            await ThroughputAsync(redis, publisherRedis, run, settings with { Events = Math.Min(settings.Events, 10_000) }, "warmup", cancellationToken);
            var (published, consumed) = await ThroughputAsync(redis, publisherRedis, run, settings, "throughput", cancellationToken);
            var latencies = await LatencyAsync(redis, publisherRedis, run, settings, cancellationToken);
            var version = (await redis.InfoAsync("server", cancellationToken))
                .Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("redis_version:", StringComparison.Ordinal))?["redis_version:".Length..] ?? "?";
            var report = Report(options, settings, raw, published, consumed, latencies, version);
            if (outputPath is not null)
            {
                await File.WriteAllTextAsync(outputPath, report + Environment.NewLine, cancellationToken);
            }

            await context.Output.WriteLineAsync((asJson ? report : Text(report)).AsMemory(), cancellationToken);
            return ExitCodes.Ok;
        }
        finally
        {
            await run.CleanUpAsync(redis);
        }
    }

    /// <summary>Pipelined XADD of <paramref name="count"/> entries with a benchmark event's fields, all in flight at once per chunk.</summary>
    private static async Task<double> RawXAddAsync(RedisClient redis, Run run, int count, CancellationToken cancellationToken)
    {
        var stream = run.Stream("raw");
        var fields = CloudEventStreamBinding.ToFields(Event(0));
        var timer = Stopwatch.StartNew();
        for (var start = 0; start < count; start += PublishChunk)
        {
            var sends = new Task<StreamId?>[Math.Min(PublishChunk, count - start)];
            for (var i = 0; i < sends.Length; i++)
            {
                sends[i] = redis.XAddAsync(stream, fields, cancellationToken: cancellationToken).AsTask();
            }

            await Task.WhenAll(sends);
        }

        var perSecond = count / timer.Elapsed.TotalSeconds;
        await redis.DelAsync(stream, cancellationToken);
        return perSecond;
    }

    /// <summary>Publishes all events first (pipelined), then times one consumer from its start to the last acknowledgement.</summary>
    private static async Task<(double Published, double Consumed)> ThroughputAsync(
        RedisClient redis, RedisClient publisherRedis, Run run, Settings settings, string name, CancellationToken cancellationToken)
    {
        var stream = run.Stream(name);
        var publisher = new RedisEventPublisher(publisherRedis);
        var timer = Stopwatch.StartNew();
        for (var start = 0; start < settings.Events; start += PublishChunk)
        {
            var chunk = Enumerable.Range(start, Math.Min(PublishChunk, settings.Events - start)).Select(Event).ToList();
            await publisher.PublishManyAsync(stream, chunk, cancellationToken);
        }

        var published = settings.Events / timer.Elapsed.TotalSeconds;
        var options = run.Options(name, settings);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var consumer = new RedisStreamConsumer(redis, options, new DelegateEventProcessor(_ => Task.CompletedTask), NullLogger.Instance);
        timer.Restart();
        var running = consumer.RunAsync(stop.Token);
        await UntilAsync(() => Task.FromResult(consumer.Statistics.Processed >= settings.Events), running, $"{settings.Events} events handled", cancellationToken);
        await UntilAsync(async () => (await redis.XPendingAsync(stream, options.ConsumerGroup, cancellationToken)).Count == 0,
            running, "every event acknowledged", cancellationToken);
        var consumed = settings.Events / timer.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await running;
        return (published, consumed);
    }

    /// <summary>
    /// A paced publisher offers <see cref="Settings.Rate"/> events per second, each stamped with its publication time;
    /// the handler records how long after that it started.
    /// </summary>
    private static async Task<double[]> LatencyAsync(
        RedisClient redis, RedisClient publisherRedis, Run run, Settings settings, CancellationToken cancellationToken)
    {
        var total = (int)(settings.Rate * settings.LatencySeconds);
        var latencies = new double[total];
        var received = 0;
        var name = "latency";
        var options = run.Options(name, settings);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var consumer = new RedisStreamConsumer(redis, options, new DelegateEventProcessor(context =>
        {
            var latency = DateTimeOffset.UtcNow - context.Event.Time!.Value;
            var slot = Interlocked.Increment(ref received) - 1;
            if (slot < latencies.Length)
            {
                latencies[slot] = latency.TotalMilliseconds;
            }

            return Task.CompletedTask;
        }), NullLogger.Instance);
        var running = consumer.RunAsync(stop.Token);
        await UntilAsync(() => Task.FromResult(consumer.IsRunning), running, "the consumer running", cancellationToken);
        await Task.Delay(200, cancellationToken);

        var publisher = new RedisEventPublisher(publisherRedis);
        var stream = run.Stream(name);
        var timer = Stopwatch.StartNew();
        for (var sent = 0; sent < total;)
        {
            var due = Math.Min(total, (int)(timer.Elapsed.TotalSeconds * settings.Rate) + 1);
            while (sent < due)
            {
                await publisher.PublishAsync(stream, Event(sent++) with { Time = DateTimeOffset.UtcNow }, cancellationToken);
            }

            await Task.Delay(1, cancellationToken);
        }

        await UntilAsync(() => Task.FromResult(Volatile.Read(ref received) >= total), running, $"{total} events handled", cancellationToken);
        await stop.CancelAsync();
        await running;
        Array.Sort(latencies);
        return latencies;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, Task consumer, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (consumer.IsCompleted)
            {
                await consumer;
                throw new InvalidOperationException($"the consumer stopped before {what}");
            }

            if (deadline.Elapsed > Patience)
            {
                throw new TimeoutException($"not {what} after {Patience.TotalSeconds} s");
            }

            await Task.Delay(1, cancellationToken);
        }
    }

    private static string Report(
        RedisOptions redis, Settings settings, double raw, double published, double consumed, double[] latencies, string redisVersion)
    {
        return JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("benchmark", "consumer");
            writer.WriteNumber("events_per_second", Math.Round(consumed));
            writer.WriteString("events_per_second_mode",
                "pre-published: all events are published before the consumer starts; timed from the consumer's start to the last acknowledgement");
            writer.WriteNumber("latency_p50_ms", Round(Percentile(latencies, 0.50)));
            writer.WriteNumber("latency_p90_ms", Round(Percentile(latencies, 0.90)));
            writer.WriteNumber("latency_p99_ms", Round(Percentile(latencies, 0.99)));
            writer.WriteNumber("latency_max_ms", Round(latencies.Length > 0 ? latencies[^1] : 0));
            writer.WriteNumber("raw_xadd_per_second", Math.Round(raw));
            writer.WriteNumber("publish_per_second", Math.Round(published));
            writer.WriteStartObject("settings");
            writer.WriteNumber("events", settings.Events);
            writer.WriteNumber("batch_size", settings.BatchSize);
            writer.WriteNumber("concurrent_tasks", settings.Concurrency);
            writer.WriteBoolean("idempotency", true);
            writer.WriteString("handler", "no-op");
            writer.WriteNumber("consumers", 1);
            writer.WriteNumber("warmup_events", Math.Min(settings.Events, 10_000));
            writer.WriteNumber("latency_offered_per_second", settings.Rate);
            writer.WriteNumber("latency_seconds", settings.LatencySeconds);
            writer.WriteNumber("latency_samples", latencies.Length);
            writer.WriteString("redis", $"{redis.Host}:{redis.Port}");
            writer.WriteString("redis_version", redisVersion);
            writer.WriteEndObject();
            writer.WriteStartObject("machine");
            writer.WriteNumber("cores", Environment.ProcessorCount);
            writer.WriteString("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription);
            writer.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
            writer.WriteNumber("load_average_1m", LoadAverage());
            writer.WriteEndObject();
            writer.WriteString("time", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        });
    }

    private static string Text(string report)
    {
        using var document = JsonDocument.Parse(report);
        var root = document.RootElement;
        string Value(string name) => root.GetProperty(name).ToString();
        return $"""
            consumer: {Value("events_per_second")} events/s (publish→consume→ack, idempotency on, no-op handler, {root.GetProperty("settings").GetProperty("events")} events pre-published)
            latency publish→handler at {root.GetProperty("settings").GetProperty("latency_offered_per_second")} events/s: p50 {Value("latency_p50_ms")} ms, p90 {Value("latency_p90_ms")} ms, p99 {Value("latency_p99_ms")} ms, max {Value("latency_max_ms")} ms
            raw pipelined XADD: {Value("raw_xadd_per_second")} /s; publisher: {Value("publish_per_second")} events/s
            """;
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Round(double milliseconds) => Math.Round(milliseconds, 3);

    private static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static (string Host, int Port) ParseEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? (endpoint[..colon], port)
            : throw new CommandInputException($"--redis '{endpoint}': expected HOST:PORT, for example 127.0.0.1:6379");
    }

    private static CloudEvent Event(int n) =>
        CloudEvent.Create(EventTypes.DocumentCleaned, "/bench", new { document_id = $"doc-{n}", job_id = "bench" }) with { Id = $"bench-{n}" };

    private sealed record Settings(int Events, int BatchSize, int Concurrency, int Rate, double LatencySeconds)
    {
        public void Validate()
        {
            static void Require(bool ok, string message)
            {
                if (!ok)
                {
                    throw new CommandInputException(message);
                }
            }

            Require(Events is >= 1 and <= 10_000_000, $"--events {Events}: allowed 1 to 10000000");
            Require(BatchSize is >= 1 and <= 10_000, $"--batch-size {BatchSize}: allowed 1 to 10000");
            Require(Concurrency is >= 1 and <= 1024, $"--concurrency {Concurrency}: allowed 1 to 1024");
            Require(Rate is >= 1 and <= 100_000, $"--rate {Rate}: allowed 1 to 100000");
            Require(LatencySeconds is >= 0.1 and <= 600, $"--latency-seconds {LatencySeconds}: allowed 0.1 to 600");
        }
    }

    /// <summary>The run's names, all under one unique prefix, and their removal.</summary>
    private sealed class Run(string prefix)
    {
        private readonly string _groupPrefix = $"bench-{Guid.NewGuid():N}-";

        public string Stream(string name) => prefix + name;

        public ConsumerOptions Options(string name, Settings settings) => new()
        {
            SourceStream = Stream(name),
            ConsumerGroup = _groupPrefix + name,
            ConsumerName = "bench",
            DeadLetterStream = Stream("dead-letters"),
            StartId = "0",
            BatchSize = settings.BatchSize,
            ConcurrentTasks = settings.Concurrency,
            CheckAlreadyProcessed = true,
            DeduplicationTtlHours = 0.05,
            ProcessBacklog = false,
            PollIntervalMs = 1_000,
            ReclaimIdleSeconds = 30,
            ShutdownTimeoutSeconds = 5,
        };

        /// <summary>Deletes the streams and every key naming one of the run's groups (the idempotency marks).</summary>
        public async Task CleanUpAsync(RedisClient redis)
        {
            foreach (var pattern in new[] { prefix + "*", $"*{_groupPrefix}*" })
            {
                var cursor = "0";
                do
                {
                    var reply = (await redis.ExecuteAsync(["SCAN", cursor, "MATCH", pattern, "COUNT", 10_000L])).AsArray();
                    cursor = reply[0].AsString() ?? "0";
                    var keys = reply[1].AsArray().Select(k => k.AsString()!).ToList();
                    if (keys.Count > 0)
                    {
                        await redis.ExecuteAsync(["UNLINK", .. keys.Select(k => (RedisArgument)k)]);
                    }
                }
                while (cursor != "0");
            }
        }
    }
}
