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
}
