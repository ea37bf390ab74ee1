using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Storytelling.Cli.Benchmarks;
using Storytelling.Cli.Commands;
using Storytelling.Cli.Processes;
using Storytelling.CloudEvents;
using Storytelling.Nlp.Models;
using Storytelling.Redis;
using Storytelling.Stage1.Storage;
using Storytelling.Storage;
using Storytelling.Testing;
using Xunit.Abstractions;

namespace Storytelling.Cli.Tests.Commands;

/// <summary>
/// Both stages as real <c>storytelling serve</c> processes (stage1-worker, event-consumer, two nlp-workers,
/// storyline-builder, nlp-api) against the test run's Redis and PostgreSQL: a 100-article job goes through to Stage 2's
/// <c>job.completed</c> and the storylines, with a service killed by SIGKILL mid-job.
/// </summary>
public sealed class Stage2ServicesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_100_article_job_reaches_storylines_through_every_service_though_an_nlp_worker_is_killed_mid_job()
    {
        await using var pipeline = await StartAsync(batchMode: true);
        var apiPort = FreePorts.Next();
        var api = pipeline.Processes.Start(ServeCommand.NlpApi, arguments: ["--urls", $"http://127.0.0.1:{apiPort}"]);
        pipeline.Processes.Start(ServeCommand.Stage1Worker);
        pipeline.Processes.Start(ServeCommand.EventConsumer);
        pipeline.Processes.Start(ServeCommand.StorylineBuilder);
        var workers = new List<RoleProcess> { pipeline.Processes.Start(ServeCommand.NlpWorker), pipeline.Processes.Start(ServeCommand.NlpWorker) };

        var job = await pipeline.SubmitAsync(await ArticlesAsync(100), CancellationToken.None);
        var killed = await KillMidJobAsync(pipeline, ServeCommand.NlpWorker, pipeline.Stage2.Settings.Stage2.WorkStream, pipeline.Stage2.Settings.Stage2.WorkGroup,
            pipeline.Stage2.Redis, async () => (await pipeline.Stage2.Store.GetCountsAsync(job.Id, CancellationToken.None))?.Processed >= 20);
        var announcements = await pipeline.WaitForStage2JobAsync(job.Id, StallLimit, () => NoneDiedBut(pipeline, killed), CancellationToken.None);

        var cleaned = await CleanedDocumentsAsync(pipeline, job.Id);
        Assert.True(cleaned.Count >= 90, $"Stage 1 cleaned only {cleaned.Count} of 100 generated articles");
        AssertEachDocumentAnnouncedOnce(announcements, job.Id, cleaned);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        var stage2Job = await GetJsonAsync(http, $"/v1/jobs/{job.Id}");
        Assert.Equal("completed", stage2Job.GetProperty("state").GetString());
        var storylines = await StorylinesHoldingAsync(http, cleaned, () => NoneDiedBut(pipeline, killed) && !api.HasExited);
        output.WriteLine($"{cleaned.Count} documents in {storylines} storylines; killed {string.Join(", ", killed)}");
    }

    [Fact]
    public async Task Without_batch_mode_a_job_completes_once_though_the_event_consumer_is_killed_mid_job()
    {
        await using var pipeline = await StartAsync(batchMode: false);
        pipeline.Processes.Start(ServeCommand.EventConsumer);
        pipeline.Processes.Start(ServeCommand.NlpWorker);
        var job = await pipeline.SubmitAsync(await ArticlesAsync(60), CancellationToken.None, concurrency: 1);
        pipeline.Processes.Start(ServeCommand.Stage1Worker, new Dictionary<string, string> { ["stage1.worker_concurrency"] = "1" });

        var consumer = pipeline.Stage2.Settings.EventConsumer;
        // Killed while Stage 1 is still announcing the job's documents, so the replacement has to take over mid-stream.
        var killed = await KillMidJobAsync(pipeline, ServeCommand.EventConsumer, consumer.SourceStream, consumer.ConsumerGroup, pipeline.Stage1.Redis,
            async () => (await pipeline.Stage1.Store.GetProgressAsync(job.Id, CancellationToken.None))?.Cleaned >= 10);
        var announcements = await pipeline.WaitForStage2JobAsync(job.Id, StallLimit, () => NoneDiedBut(pipeline, killed), CancellationToken.None);

        var cleaned = await CleanedDocumentsAsync(pipeline, job.Id);
        AssertEachDocumentAnnouncedOnce(announcements, job.Id, cleaned);
        Assert.Equal(cleaned.Count, await pipeline.Stage2.Redis.XLenAsync(pipeline.Stage2.Settings.Stage2.WorkStream));
        output.WriteLine($"{cleaned.Count} documents; killed {string.Join(", ", killed)}");
    }

    private async Task<LocalPipeline> StartAsync(bool batchMode)
    {
        var server = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        var options = new LocalPipelineOptions(
            new RedisOptions { Host = TestServers.RedisHost, Port = TestServers.RedisPort },
            new PostgresOptions { Host = server.Host!, Port = server.Port, Username = server.Username!, Password = server.Password },
            UniqueNames.Identifier())
        {
            BatchMode = batchMode,
            ReclaimIdle = TimeSpan.FromSeconds(2),
        };
        return await LocalPipeline.StartAsync(options, new ModelStore(), line => output.WriteLine(line), CancellationToken.None);
    }

    /// <summary>
    /// Once <paramref name="due"/> says so, SIGKILLs a <paramref name="role"/> process, preferring (for up to a second) one
    /// that holds delivered, unacknowledged entries of <paramref name="group"/> (it is mid-work), and starts a replacement.
    /// </summary>
    private static async Task<List<string>> KillMidJobAsync(
        LocalPipeline pipeline, string role, string stream, string group, RedisClient redis, Func<Task<bool>> due)
    {
        var deadline = DateTime.UtcNow + StallLimit;
        while (!await due())
        {
            Assert.True(NoneDiedBut(pipeline, []), "a service exited before the kill: see the test output for its error");
            Assert.True(DateTime.UtcNow < deadline, $"the moment to kill a {role} never came");
            await Task.Delay(10);
        }

        var live = pipeline.Processes.Started.Where(p => p.Role == role && !p.HasExited).ToList();
        RoleProcess? busy = null;
        for (var tries = 0; busy is null && tries < 100; tries++)
        {
            var pending = await redis.XPendingAsync(stream, group);
            busy = live.FirstOrDefault(p => pending.Consumers.Any(c => c.Name.EndsWith($"-{p.Id}", StringComparison.Ordinal) && c.Count > 0));
            await Task.Delay(busy is null ? 10 : 0);
        }

        var victim = busy ?? live[Random.Shared.Next(live.Count)];
        await victim.KillAsync();
        pipeline.Processes.Start(role);
        return [$"{role} {victim.Id} ({(busy is null ? "holding nothing" : "holding unacknowledged entries")})"];
    }

    private static bool NoneDiedBut(LocalPipeline pipeline, List<string> killed) =>
        pipeline.Processes.Started.All(p => !p.HasExited || killed.Exists(k => k.StartsWith($"{p.Role} {p.Id} ", StringComparison.Ordinal)));

    private static async Task<List<string>> CleanedDocumentsAsync(LocalPipeline pipeline, string jobId)
    {
        var ids = new List<string>();
        await foreach (var document in pipeline.Stage1.Store.ReadJobDocumentsAsync(jobId, CancellationToken.None))
        {
            ids.Add(document.Id);
        }

        return ids;
    }

    private static void AssertEachDocumentAnnouncedOnce(IReadOnlyList<CloudEvent> announcements, string jobId, List<string> cleaned)
    {
        var processed = announcements.Where(e => e.Type == EventTypes.DocumentProcessed).Select(e => e.Subject!).ToList();
        Assert.Equal(cleaned.Order(StringComparer.Ordinal), processed.Order(StringComparer.Ordinal));
        var completed = Assert.Single(announcements, e => e.Type == EventTypes.NlpJobCompleted);
        Assert.Equal(jobId, completed.Subject);
        Assert.Same(completed, announcements.Last(e => e.Type != EventTypes.StorylineUpdated));
        var counts = completed.Data!.Value.GetProperty("counts");
        Assert.Equal((cleaned.Count, cleaned.Count, 0L), (counts.GetProperty("total").GetInt64(), counts.GetProperty("processed").GetInt64(), counts.GetProperty("failed").GetInt64()));
    }

    /// <summary>Waits until the API's storylines hold every document exactly once; returns how many storylines there are.</summary>
    private static async Task<int> StorylinesHoldingAsync(HttpClient http, List<string> documents, Func<bool> servicesHealthy)
    {
        var deadline = DateTime.UtcNow + StallLimit;
        while (true)
        {
            var held = new List<string>();
            var page = await GetJsonAsync(http, "/v1/storylines?limit=200");
            var ids = page.GetProperty("storylines").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
            foreach (var id in ids)
            {
                var storyline = await GetJsonAsync(http, $"/v1/storylines/{id}");
                held.AddRange(storyline.GetProperty("document_ids").EnumerateArray().Select(d => d.GetString()!));
            }

            if (held.Count >= documents.Count)
            {
                Assert.Equal(documents.Order(StringComparer.Ordinal), held.Order(StringComparer.Ordinal));
                return ids.Count;
            }

            Assert.True(servicesHealthy(), "a service exited while the storylines were built");
            Assert.True(DateTime.UtcNow < deadline, $"after {StallLimit.TotalSeconds:0} s the storylines hold {held.Count} of {documents.Count} documents");
            await Task.Delay(200);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await http.GetFromJsonAsync<JsonElement>(path);
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                // The API process may still be starting (it loads the NLP models for /v1/analyze first).
                await Task.Delay(200);
            }
        }
    }

    private static async Task<MemoryStream> ArticlesAsync(int count)
    {
        var input = new MemoryStream();
        await new NewsArticleGenerator(seed: 20261123, stubShare: 0).WriteJsonlAsync(input, count, CancellationToken.None);
        input.Position = 0;
        return input;
    }
}
