// Hand-run throughput check of the Redis client (not a test):
//   dotnet run -c Release tests/Storytelling.Redis.Tests/Throughput/RedisThroughput.cs -- 127.0.0.1:6391
// Prints ops/s for PING, SET and XADD with 32 concurrent callers on the shared connection, median of 3 runs.
#:project ../../../src/Storytelling.Redis/Storytelling.Redis.csproj
#:property IsTestProject=false
#:property PublishAot=false

using System.Diagnostics;
using System.Globalization;
using Storytelling.Redis;

var endpoint = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("STORYTELLING_TEST_REDIS") ?? "127.0.0.1:6379";
var colon = endpoint.LastIndexOf(':');
var options = new RedisOptions
{
    Host = endpoint[..colon],
    Port = int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture),
};
const int Callers = 32;
var duration = TimeSpan.FromSeconds(3);
var prefix = $"bench:{Guid.NewGuid():N}:";

await using var redis = await RedisClient.ConnectAsync(options);
var value = new byte[64];

await MeasureAsync("PING", _ => redis.PingAsync().AsTask());
await MeasureAsync("SET (64 B)", caller => redis.SetAsync($"{prefix}{caller}", value).AsTask());
await MeasureAsync("XADD (1 field, 64 B)", _ => redis.XAddAsync(prefix + "stream", [new("data", value)]).AsTask());
await redis.DelAsync([prefix + "stream", .. Enumerable.Range(0, Callers).Select(c => $"{prefix}{c}")]);

async Task MeasureAsync(string name, Func<int, Task> operation)
{
    await RunAsync(operation, TimeSpan.FromSeconds(1)); // warm-up
    var rates = new List<double>();
    for (var run = 0; run < 3; run++)
    {
        rates.Add(await RunAsync(operation, duration));
    }

    rates.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-22} {Callers} callers: median {rates[1],10:N0} ops/s  (runs: {string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))})"));
}

static async Task<double> RunAsync(Func<int, Task> operation, TimeSpan duration)
{
    long count = 0;
    var started = Stopwatch.GetTimestamp();
    var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
    {
        long mine = 0;
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            await operation(caller);
            mine++;
        }

        Interlocked.Add(ref count, mine);
    })));
    return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
}
