using Storytelling.CloudEvents;
using Storytelling.Nlp;
using Storytelling.Nlp.Pipeline;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage2.Tests;

/// <summary>Stage 1 → Redis Streams → event consumer → NLP workers → PostgreSQL → Stage 2 events, as two stages really run.</summary>
public sealed class PipelineTests
{
    [Fact]
    public async Task A_stage1_job_in_batch_mode_is_analysed_end_to_end_with_exact_counts_and_one_trace()
    {
        await using var harness = await Stage2Harness.StartAsync(batchMode: true);
        harness.StartServices();
        var lines = Enumerable.Range(1, 12).Select(n => Stage2Harness.Article(n)).Append("{ not json").ToList();

        var job = await harness.SubmitAsync(lines);
        var announcements = await harness.WaitForNlpJobAsync(job.Id);

        var processed = announcements.Where(e => e.Type == EventTypes.DocumentProcessed).ToList();
        Assert.Equal(12, processed.Count);
        Assert.Equal(12, processed.Select(e => e.Data!.Value.GetProperty("line").GetInt64()).Distinct().Count());
        var completed = announcements[^1];
        Assert.Equal(EventTypes.NlpJobCompleted, completed.Type);
        Assert.Single(announcements, e => e.Type == EventTypes.NlpJobCompleted);
        var counts = completed.Data!.Value.GetProperty("counts");
        Assert.Equal(12, counts.GetProperty("total").GetInt64());
        Assert.Equal(12, counts.GetProperty("processed").GetInt64());
        Assert.Equal(0, counts.GetProperty("failed").GetInt64());
        Assert.True(counts.GetProperty("events").GetInt64() >= 12 * 3, $"only {counts.GetProperty("events")} events in 12 articles with 4 events each");

        var stored = await harness.Stage2.Store.GetCountsAsync(job.Id, CancellationToken.None);
        Assert.Equal(12, stored!.Processed);
        Assert.True(stored.IsCompleted);

        // One trace from Stage 1's job through Stage 2's announcements.
        var stage1Trace = TraceId((await harness.Stage1AnnouncementsAsync()).First(e => e.Type == EventTypes.CleaningJobCompleted));
        Assert.All(processed.Append(completed), e => Assert.Equal(stage1Trace, TraceId(e)));
    }

    [Fact]
    public async Task Stored_events_point_at_their_triggers_in_the_stored_text()
    {
        await using var harness = await Stage2Harness.StartAsync(batchMode: true);
        harness.StartServices();

        var job = await harness.SubmitAsync([Stage2Harness.Article(7)]);
        await harness.WaitForNlpJobAsync(job.Id);

        var document = await harness.Stage1.Store.GetDocumentAsync(job.Id, "doc-7", CancellationToken.None);
        var events = await harness.Stage2.Store.ReadEventsAsync(job.Id, CancellationToken.None);
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            var trigger = e.GetProperty("trigger");
            Assert.Equal(trigger.GetProperty("text").GetString(), document!.Text[trigger.GetProperty("start").GetInt32()..trigger.GetProperty("end").GetInt32()]);
        });
        Assert.Contains(events, e => e.GetProperty("trigger").GetProperty("lemma").GetString() == "arrest");
    }

    [Fact]
    public async Task A_documents_annotations_are_stored_lz4_compressed_where_the_server_has_lz4()
    {
        await using var harness = await Stage2Harness.StartAsync(batchMode: true);
        await using (var lz4 = harness.Stage2.DataSource.CreateCommand(
            "SELECT 'lz4' = ANY (enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"))
        {
            Assert.True((bool)(await lz4.ExecuteScalarAsync())!, "the test server (PostgreSQL from apt) is expected to have lz4");
        }

        harness.StartServices();
        var job = await harness.SubmitAsync([Stage2Harness.Article(3), Stage2Harness.Article(4)]);
        await harness.WaitForNlpJobAsync(job.Id);

        await using var command = harness.Stage2.DataSource.CreateCommand(
            "SELECT document_id, pg_column_compression(annotations), octet_length(annotations::text) FROM stage2.documents ORDER BY line");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string Id, string? Method, int Length)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2)));
        }

        Assert.Equal(2, rows.Count);
        // PostgreSQL compresses a row's values once the row passes about 2 kB; an article's annotations are larger.
        Assert.All(rows, row =>
        {
            Assert.True(row.Length > 4000, $"{row.Id}'s annotations are only {row.Length} bytes");
            Assert.Equal("lz4", row.Method);
        });
    }

    [Fact]
    public async Task Without_batch_mode_each_cleaned_document_is_analysed_once_even_though_job_completed_also_arrives()
    {
        await using var harness = await Stage2Harness.StartAsync(batchMode: false);
        harness.StartServices();

        var job = await harness.SubmitAsync(Enumerable.Range(20, 6).Select(n => Stage2Harness.Article(n)));
        var announcements = await harness.WaitForNlpJobAsync(job.Id);

        Assert.Equal(6, announcements.Count(e => e.Type == EventTypes.DocumentProcessed));
        Assert.Equal(EventTypes.NlpJobCompleted, announcements[^1].Type);
        Assert.Equal(6, await harness.Stage2.Redis.XLenAsync(harness.Stage2.Settings.Stage2.WorkStream));
    }

    [Fact]
    public async Task A_document_that_fails_in_nlp_every_time_is_kept_with_its_error_and_the_job_still_completes()
    {
        await using var harness = await Stage2Harness.StartAsync(batchMode: true, autoProcess: true, new FailingComponent("doc-31"));
        harness.StartServices();

        var job = await harness.SubmitAsync(Enumerable.Range(30, 3).Select(n => Stage2Harness.Article(n)));
        var announcements = await harness.WaitForNlpJobAsync(job.Id);

        var failed = Assert.Single(announcements, e => e.Type == Stage2Events.DocumentFailed);
        Assert.Equal("doc-31", failed.Subject);
        Assert.Contains("simulated model failure", failed.Data!.Value.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, announcements.Count(e => e.Type == EventTypes.DocumentProcessed));
        var counts = announcements[^1].Data!.Value.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("failed").GetInt64());
        Assert.Equal(2, counts.GetProperty("processed").GetInt64());
    }

    [Fact]
    public async Task A_dry_run_consumes_stage1_events_and_processes_nothing()
    {
        await using var harness = await Stage2Harness.StartAsync(batchMode: true, autoProcess: false);
        harness.StartServices();

        var job = await harness.SubmitAsync(Enumerable.Range(40, 3).Select(n => Stage2Harness.Article(n)));
        var stage1Events = 0;
        for (var wait = 0; wait < 600 && (stage1Events == 0 || harness.EventConsumer.Statistics.TotalConsumed < stage1Events); wait++)
        {
            await Task.Delay(100);
            var announced = await harness.Stage1AnnouncementsAsync();
            stage1Events = announced.Any(e => e.Type == EventTypes.CleaningJobCompleted) ? announced.Count : 0;
        }

        Assert.Equal(4, stage1Events);
        Assert.True(harness.EventConsumer.Statistics.TotalConsumed >= 4, "the dry run did not consume Stage 1's events");
        Assert.Null(await harness.Stage2.Store.GetCountsAsync(job.Id, CancellationToken.None));
        Assert.Equal(0, await harness.Stage2.Redis.XLenAsync(harness.Stage2.Settings.Stage2.WorkStream));
    }

    private static string TraceId(CloudEvent e) =>
        TraceContext.TryParse(e.TraceParent, out var trace) ? trace.TraceId : throw new InvalidOperationException($"event {e.Id} has no traceparent");

    /// <summary>A pipeline component that throws on one document, as a defective model would.</summary>
    private sealed class FailingComponent(string documentId) : INlpComponent
    {
        public string Name => "failing";

        public Annotations Requires => Annotations.None;

        public Annotations Produces => Annotations.None;

        public void Process(Document document, CancellationToken cancellationToken)
        {
            if (document.Id == documentId)
            {
                throw new InvalidOperationException("simulated model failure");
            }
        }
    }
}
