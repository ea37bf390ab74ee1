using System.Diagnostics;
using System.Globalization;
using System.Text;
using Storytelling.CloudEvents;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;
using Storytelling.Testing;
using Xunit.Abstractions;

namespace Storytelling.Messaging.Tests.Redis;

/// <summary>
/// Consumer processes (tests/Storytelling.Messaging.ConsumerHost) killed with SIGKILL in the middle of a batch: the
/// survivors and the replacements reclaim the dead consumers' entries, and every event's effect happens exactly once.
/// </summary>
public sealed class ConsumerCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 5_000;
    private const int Kills = 4;
    private const int PublishChunk = 100;
    private static readonly TimeSpan PublishPause = TimeSpan.FromMilliseconds(70);
    private static readonly TimeSpan KillEvery = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly string _prefix = UniqueNames.RedisKeyPrefix();
    private readonly string _group = $"crash-{Guid.NewGuid():N}";
    private readonly List<ConsumerProcess> _hosts = [];
    private RedisClient _redis = null!;

    private string Stream => _prefix + "events";

    private string DeadLetters => _prefix + "failed";

    public async Task InitializeAsync() =>
        _redis = await RedisClient.ConnectAsync(new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort });

    [Fact]
    public async Task Consumers_killed_mid_batch_leave_every_effect_done_exactly_once()
    {
        var started = Stopwatch.StartNew();
        await _redis.XGroupCreateAsync(Stream, _group, StreamId.Min, makeStream: true);
        var names = Enumerable.Range(1, 3).Select(n => $"host-{n}").ToList();
        foreach (var name in names)
        {
            Start(name);
        }

        var publishing = PublishAsync();
        var kills = new List<string>();
        for (var kill = 1; kill <= Kills; kill++)
        {
            await Task.Delay(KillEvery);
            var (victim, pendingAtKill) = await KillOneMidBatchAsync();
            // Alternate: the replacement takes over the dead consumer's name (its own backlog) or comes as a new one (reclaim).
            var replacement = kill % 2 == 1 ? victim.Name : $"host-{3 + kill}";
            Start(replacement);
            kills.Add($"{victim.Name} (pid {victim.ProcessId}, {pendingAtKill} pending) -> {replacement}");
        }

        await publishing;
        var deadline = DateTime.UtcNow + Patience;
        // Done when nothing is pending and every effect is there, or some event was given up (dead-lettered).
        while ((await CountAsync("effects") < Events && await _redis.XLenAsync(DeadLetters) == 0)
            || (await _redis.XPendingAsync(Stream, _group)).Count > 0)
        {
            var died = _hosts.FirstOrDefault(h => !h.Killed && h.HasExited);
            Assert.True(died is null, $"consumer {died?.Name} exited on its own: {died?.Log}");
            Assert.True(DateTime.UtcNow < deadline,
                $"after {Patience.TotalSeconds} s only {await CountAsync("effects")} of {Events} effects, " +
                $"{(await _redis.XPendingAsync(Stream, _group)).Count} pending; hosts said: {string.Join(" | ", _hosts.Select(h => h.Log))}");
            await Task.Delay(100);
        }

        var ids = Enumerable.Range(0, Events).Select(EventId).ToList();
        var missing = new List<string>();
        foreach (var chunk in ids.Chunk(500))
        {
            var values = await _redis.MGetAsync([.. chunk.Select(EffectKey)]);
            missing.AddRange(chunk.Where((_, i) => values[i] is null));
        }

        var runs = await RunsAsync();
        var executions = await CountAsync("executions");
        var repeated = runs.Where(r => r.Value > 1).ToList();
        output.WriteLine($"{Events} events, {Kills} kills in {started.Elapsed.TotalSeconds:F1} s: {string.Join("; ", kills)}");
        output.WriteLine($"{executions} handler executions, {executions - Events} repeated after crashes, on {repeated.Count} events " +
            $"(most runs of one event: {runs.Values.DefaultIfEmpty(0).Max()})");

        Assert.Empty(missing);
        Assert.Equal(Events, await CountAsync("effects"));
        Assert.Equal(ids.ToHashSet(), runs.Keys.ToHashSet());
        Assert.Equal(0, (await _redis.XPendingAsync(Stream, _group)).Count);
        Assert.True(await _redis.XLenAsync(DeadLetters) == 0,
            $"dead letters: {string.Join(" | ", (await _redis.XRangeAsync(DeadLetters, StreamId.Min, StreamId.Max, 5)).Select(e =>
                $"{e.GetString("ce_id")} (handled {runs.GetValueOrDefault(e.GetString("ce_id") ?? "")} times) by {e.GetString(DeadLetterFields.Consumer)}: " +
                $"{e.GetString(DeadLetterFields.Reason)}: {e.GetString(DeadLetterFields.ErrorMessage)}"))}");
        Assert.Equal(executions, runs.Values.Sum());
        Assert.Equal(Kills, _hosts.Count(h => h.Killed));
    }

    [Fact]
    public async Task Event_that_kills_its_consumer_every_time_is_dead_lettered_after_max_retries_handler_starts()
    {
        await _redis.XGroupCreateAsync(Stream, _group, StreamId.Min, makeStream: true);
        var publisher = new RedisEventPublisher(_redis);
        await publisher.PublishManyAsync(Stream, [
            .. Enumerable.Range(0, 20).Select(i => CloudEvent.Create(EventTypes.DocumentCleaned, "/crash-test", new { n = i }) with { Id = EventId(i) }),
            CloudEvent.Create(EventTypes.DocumentCleaned, "/crash-test", new { n = -1 }) with { Id = "poison-1" }], CancellationToken.None);

        var deadline = DateTime.UtcNow + Patience;
        var host = Start("victim", "--crash-on", "poison-");
        var restarts = 0;
        while (await _redis.XLenAsync(DeadLetters) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no dead letter after {Patience.TotalSeconds} s and {restarts} restarts: {string.Join(" | ", _hosts.Select(h => h.Log))}");
            if (host.HasExited)
            {
                // The same consumer comes back (as a supervisor would restart it) and finds the event in its own backlog.
                restarts++;
                host = Start("victim", "--crash-on", "poison-");
            }

            await Task.Delay(50);
        }

        await Task.Delay(500);
        var letters = await _redis.XRangeAsync(DeadLetters, StreamId.Min, StreamId.Max);
        Assert.True(letters.Count == 1, string.Join(" | ", letters.Select(e =>
            $"{e.GetString("ce_id")}: {e.GetString(DeadLetterFields.Reason)} {e.GetString(DeadLetterFields.ErrorMessage)} attempts {e.GetString(DeadLetterFields.Attempts)}")));
        var letter = letters[0];
        Assert.True(letter.GetString("ce_id") == "poison-1",
            $"dead-lettered {letter.GetString("ce_id")} instead of poison-1: {letter.GetString(DeadLetterFields.Reason)}: {letter.GetString(DeadLetterFields.ErrorMessage)} " +
            $"(attempts {letter.GetString(DeadLetterFields.Attempts)}, consumer {letter.GetString(DeadLetterFields.Consumer)}); hosts said: {string.Join(" | ", _hosts.Select(h => h.Log))}");
        Assert.Equal("delivery_budget_exhausted", letter.GetString(DeadLetterFields.Reason));
        Assert.Equal("3", letter.GetString(DeadLetterFields.Attempts));
        Assert.Equal(3, await CountAsync("crash-starts"));
        // Three hosts died on the poison event and the next start dead-lettered it. (A host that died for another reason,
        // e.g. failing to start on an overloaded machine, is restarted too but is not part of the count.)
        var crashed = _hosts.Count(h => h.HasExited && h.Log.Contains("crash-on: killing myself", StringComparison.Ordinal));
        Assert.True(crashed == 3, $"{crashed} hosts crashed on the poison event in {restarts} restarts: {string.Join(" | ", _hosts.Select(h => h.Log))}");
        await WaitForAsync(async () => await CountAsync("effects") == 20, "the 20 ordinary events handled");
        Assert.Equal(20, await CountAsync("effects"));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Kills a random live host as soon as it holds delivered, unacknowledged entries (it is mid-batch).</summary>
    private async Task<(ConsumerProcess Victim, long Pending)> KillOneMidBatchAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var alive = _hosts.Where(h => !h.Killed && !h.HasExited).ToList();
            var victim = alive[Random.Shared.Next(alive.Count)];
            var pending = await PendingOfAsync(victim.Name);
            if (pending > 0)
            {
                victim.Kill();
                return (victim, pending);
            }

            await Task.Delay(2);
        }

        throw new TimeoutException("no consumer held pending entries for 10 s: the hosts are not consuming");
    }

    private async Task<long> PendingOfAsync(string consumer) =>
        (await _redis.XPendingAsync(Stream, _group)).Consumers.FirstOrDefault(c => c.Name == consumer)?.Count ?? 0;

    /// <summary>Publishes the events in chunks over a few seconds, so the kills land while work keeps arriving.</summary>
    private async Task PublishAsync()
    {
        var publisher = new RedisEventPublisher(_redis);
        for (var start = 0; start < Events; start += PublishChunk)
        {
            var chunk = Enumerable.Range(start, Math.Min(PublishChunk, Events - start))
                .Select(i => CloudEvent.Create(EventTypes.DocumentCleaned, "/crash-test", new { n = i }) with { Id = EventId(i) })
                .ToList();
            await publisher.PublishManyAsync(Stream, chunk, CancellationToken.None);
            await Task.Delay(PublishPause);
        }
    }

    /// <summary>
    /// Starts a host with the default retry budget (3). Attempts are counted when a handler starts, so the entries a
    /// killed consumer had read but not started cost nothing, however often that happens (ADR 5).
    /// </summary>
    private ConsumerProcess Start(string consumer, params string[] extra)
    {
        var host = ConsumerProcess.Start(consumer, [
            "--redis", TestServers.Redis, "--stream", Stream, "--group", _group, "--consumer", consumer, "--dead-letter", DeadLetters,
            "--prefix", _prefix, "--reclaim-idle-seconds", "1", "--batch-size", "50", "--concurrency", "8", "--max-retries", "3",
            "--max-work-ms", "3", "--dedup-ttl-hours", "0.1", "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), .. extra]);
        _hosts.Add(host);
        return host;
    }

    private async Task<long> CountAsync(string counter) =>
        long.Parse(await _redis.GetStringAsync(_prefix + counter) ?? "0", CultureInfo.InvariantCulture);

    private async Task<Dictionary<string, long>> RunsAsync()
    {
        var reply = (await _redis.ExecuteAsync(["HGETALL", _prefix + "runs"])).AsArray();
        var runs = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < reply.Count; i += 2)
        {
            runs[reply[i].AsString()!] = long.Parse(reply[i + 1].AsString()!, CultureInfo.InvariantCulture);
        }

        return runs;
    }

    private string EffectKey(string eventId) => $"{_prefix}effect:{eventId}";

    private static string EventId(int n) => $"evt-{n:D5}";

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        var keys = Enumerable.Range(0, Events).Select(n => EffectKey(EventId(n)))
            .Concat([Stream, DeadLetters, _prefix + "effects", _prefix + "executions", _prefix + "runs", _prefix + "crash-starts"]);
        foreach (var chunk in keys.Chunk(500))
        {
            await _redis.DelAsync(chunk);
        }

        await _redis.DisposeAsync();
    }

    /// <summary>One ConsumerHost process, its output kept for failure messages.</summary>
    private sealed class ConsumerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();

        private ConsumerProcess(string name, Process process)
        {
            Name = name;
            _process = process;
        }

        public string Name { get; }

        public bool Killed { get; private set; }

        public bool HasExited => _process.HasExited;

        public int ProcessId => _process.Id;

        public string Log
        {
            get
            {
                lock (_log)
                {
                    return $"{Name}: {_log}";
                }
            }
        }

        public static ConsumerProcess Start(string name, params string[] arguments)
        {
            var host = Path.Combine(AppContext.BaseDirectory, "Storytelling.Messaging.ConsumerHost.dll");
            Assert.True(File.Exists(host), $"{host} is missing: the test project references the host project, so building the tests builds it");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(host);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = start };
            var consumer = new ConsumerProcess(name, process);
            process.OutputDataReceived += (_, e) => consumer.Append(e.Data);
            process.ErrorDataReceived += (_, e) => consumer.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return consumer;
        }

        /// <summary>SIGKILL: no shutdown code runs, in-flight handlers and unacknowledged entries are simply abandoned.</summary>
        public void Kill()
        {
            Killed = true;
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
