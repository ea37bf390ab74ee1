using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Storytelling.CloudEvents;
using Storytelling.Stage2.Backends;

namespace Storytelling.Stage2.Tests.Backends;

/// <summary>PostgreSQL first and required, optional backends after it: their failures never block a document or a job, and are kept.</summary>
public sealed class MultiBackendWriterTests
{
    [Fact]
    public async Task Failing_optional_backends_do_not_block_the_job_and_what_they_miss_is_counted_and_recorded()
    {
        var notAFolder = Path.GetTempFileName();
        var writes = new ConcurrentDictionary<(string Backend, string Status), long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MultiBackendWriter.MeterName && instrument.Name == "stage2.backend.writes")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var backend = (string)tags.ToArray().Single(t => t.Key == "backend").Value!;
            var status = (string)tags.ToArray().Single(t => t.Key == "status").Value!;
            writes.AddOrUpdate((backend, status), value, (_, total) => total + value);
        });
        listener.Start();
        try
        {
            await using var harness = await Stage2Harness.StartWithAsync(o =>
            {
                o.StorageBackends = ["jsonl", "postgresql", "elasticsearch"];
                o.OutputDir = notAFolder; // the JSONL backend cannot create its folders under a file
                o.ElasticsearchUrl = $"http://127.0.0.1:{BulkServer.FreePort()}/"; // nobody listens
            });
            harness.StartServices();

            var job = await harness.SubmitAsync(Enumerable.Range(1, 3).Select(n => Stage2Harness.Article(n)));
            var announcements = await harness.WaitForNlpJobAsync(job.Id);

            Assert.Equal(3, announcements.Count(e => e.Type == EventTypes.DocumentProcessed));
            var completed = announcements[^1].Data!.Value;
            Assert.Equal(3, completed.GetProperty("counts").GetProperty("processed").GetInt64());
            Assert.Empty(completed.GetProperty("output_files").EnumerateObject());
            Assert.Equal(3, (await harness.Stage2.Store.GetCountsAsync(job.Id, CancellationToken.None))!.Processed);

            var failures = await harness.Stage2.Store.ReadBackendFailuresAsync(job.Id, CancellationToken.None);
            var elasticsearch = failures.Where(f => f.Backend == "elasticsearch").ToList();
            Assert.Equal(["doc-1", "doc-2", "doc-3"], elasticsearch.Select(f => f.DocumentId).Order());
            Assert.All(elasticsearch, f => Assert.StartsWith("HttpRequestException", f.Error, StringComparison.Ordinal));
            var jsonl = failures.Where(f => f.Backend == "jsonl").ToList();
            Assert.Equal(3, jsonl.Count(f => f.Line is not null));
            var jobLevel = Assert.Single(jsonl, f => f.Line is null);
            Assert.Null(jobLevel.DocumentId);
            Assert.Contains(notAFolder, jobLevel.Error, StringComparison.Ordinal);

            Assert.True(writes.GetValueOrDefault(("elasticsearch", "failed")) >= 3, "elasticsearch failures were not counted");
            Assert.True(writes.GetValueOrDefault(("jsonl", "failed")) >= 4, "jsonl failures were not counted");
            Assert.True(writes.GetValueOrDefault(("postgresql", "ok")) >= 3, "postgresql writes were not counted");
        }
        finally
        {
            File.Delete(notAFolder);
        }
    }

    [Fact]
    public async Task Replay_writes_what_the_optional_backends_missed_once_they_are_back()
    {
        var down = true;
        using var elasticsearch = new BulkServer(_ => Task.FromResult(Volatile.Read(ref down)
            ? (503, """{"error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"},"status":503}""")
            : (200, """{"took":2,"errors":false,"items":[]}""")));
        var outputDir = Path.GetTempFileName();
        try
        {
            await using var harness = await Stage2Harness.StartWithAsync(o =>
            {
                o.StorageBackends = ["postgresql", "jsonl", "elasticsearch"];
                o.OutputDir = outputDir; // a file for now: the JSONL backend fails
                o.ElasticsearchUrl = elasticsearch.Url.ToString();
            });
            harness.StartServices();
            var job = await harness.SubmitAsync(Enumerable.Range(1, 2).Select(n => Stage2Harness.Article(n)));
            await harness.WaitForNlpJobAsync(job.Id);
            Assert.Equal(5, (await harness.Stage2.Store.ReadBackendFailuresAsync(job.Id, CancellationToken.None)).Count);
            var missed = elasticsearch.Requests.ToList();

            Volatile.Write(ref down, false);
            File.Delete(outputDir);
            var replayed = await harness.Stage2.Backends.ReplayAsync(job.Id, CancellationToken.None);

            Assert.Equal(5, replayed.Count);
            Assert.All(replayed, r => Assert.Equal("written", r.Outcome));
            Assert.Empty(await harness.Stage2.Store.ReadBackendFailuresAsync(job.Id, CancellationToken.None));
            Assert.Equal(2, File.ReadAllLines(Path.Combine(outputDir, job.Id, JsonlBackend.DocumentsFile)).Length);
            var written = elasticsearch.Requests.Skip(missed.Count).ToList();
            Assert.Equal(2, written.Count);
            foreach (var request in written)
            {
                // The document read back from PostgreSQL makes the request the live write made (but for processed_at's precision).
                var original = missed.Single(m => m.Body.Split('\n')[0] == request.Body.Split('\n')[0]);
                var (before, after) = (Lines(original.Body), Lines(request.Body));
                Assert.Equal(before.Count, after.Count);
                Assert.All(before.Zip(after), pair => Assert.True(
                    System.Text.Json.Nodes.JsonNode.DeepEquals(pair.First, pair.Second), $"replayed {pair.Second.ToJsonString()} differs from {pair.First.ToJsonString()}"));
            }

            Assert.Empty(await harness.Stage2.Backends.ReplayAsync(job.Id, CancellationToken.None));
        }
        finally
        {
            if (Directory.Exists(outputDir))
            {
                Directory.Delete(outputDir, recursive: true);
            }

            File.Delete(outputDir);
        }
    }

    private static List<System.Text.Json.Nodes.JsonObject> Lines(string body) =>
        [.. body.TrimEnd('\n').Split('\n').Select(line =>
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
            node.Remove("processed_at");
            return node;
        })];
}
