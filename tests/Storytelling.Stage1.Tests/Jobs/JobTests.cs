using System.Text;
using System.Text.Json;
using Storytelling.CloudEvents;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage1.Tests.Jobs;

public sealed class JobTests
{
    private const string Council =
        "The city council of Riverton approved a new budget on Monday after a long debate about public transport. " +
        "Mayor Helen Ortiz said the plan would add twelve bus routes and repair three bridges before the winter. " +
        "Opposition members argued that the cost, estimated at forty million dollars, would raise local taxes for families. " +
        "The vote passed seven to four, and construction on the first bridge is expected to begin in March.";

    private const string Harbour =
        "Fishermen in the northern harbour reported the largest herring catch in a decade this week, according to the port authority. " +
        "Scientists from the marine institute said warmer currents had pushed the shoals closer to the coast than usual. " +
        "Local restaurants have already lowered their prices, and the harbour market will stay open late on Friday and Saturday evenings.";

    private const string Library =
        "<html><head><title>Library</title><script>var tracking = 1;</script></head><body>" +
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li></ul></nav>" +
        "<article><h1>Old library reopens</h1>" +
        "<p>The old public library on Mill Street reopened on Saturday after two years of restoration work funded by local donors.</p>" +
        "<p>Volunteers catalogued more than forty thousand books, and the reading room now has a glass roof that lets in daylight.</p>" +
        "<p>The head librarian said school classes would visit every morning and that evening lectures would start next month.</p>" +
        "</article><div class='share'>Share on Facebook | Share on X</div><footer>Copyright 2026 Example News</footer></body></html>";

    [Fact]
    public async Task Job_mixing_good_and_bad_lines_completes_with_exact_counts_and_every_rejection_has_line_and_reason()
    {
        await using var harness = await Stage1Harness.StartAsync();
        var input = new StringBuilder()
            .AppendLine(Stage1Harness.Line(new { id = "a1", title = "Budget approved", content = Council, published_at = "2026-11-20T09:00:00Z" }))
            .AppendLine("""{"id": "broken", "content": """)
            .AppendLine(Stage1Harness.Line(new { id = "m1", title = "No content" }))
            .AppendLine(Stage1Harness.Line(new { id = "b1", title = "Herring", content = Harbour }))
            .AppendLine(Stage1Harness.Line(new { id = "a1", title = "Same id again", content = Harbour }))
            .AppendLine(Stage1Harness.Line(new { id = "s1", title = "Short", content = "Too short to keep as an article." }))
            .AppendLine(Stage1Harness.Line(new { id = "b2", title = "Herring (wire copy)", content = Harbour }))
            .AppendLine(Stage1Harness.Line(new { id = "a2", title = "Budget passes", content = Council.Replace("Monday", "Tuesday", StringComparison.Ordinal) }))
            .AppendLine()
            .AppendLine(Stage1Harness.Line(new { id = "d1", html = Library }))
            .ToString();

        var submitted = await harness.SubmitAsync(input);
        Assert.Equal(JobState.Running, submitted.State);
        harness.StartWorker();
        var job = await harness.WaitForJobAsync(submitted.Id, JobState.Completed);

        Assert.Equal((9L, 5L, 4L, 2L), (job.Submitted, job.Cleaned, job.Rejected, job.Duplicates));
        Assert.Equal([(2L, "invalid_json"), (3L, "missing_content"), (5L, "duplicate_id"), (6L, "too_short")],
            job.FirstRejections.Select(r => (r.Line, r.Code)));
        Assert.All(job.FirstRejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));

        var events = await harness.AnnouncementsAsync();
        var cleaned = events.Where(e => e.Type == EventTypes.DocumentCleaned).ToList();
        Assert.Equal(["a1", "a2", "b1", "b2", "d1"], cleaned.Select(e => e.Subject).Order(StringComparer.Ordinal));
        Assert.Equal([2L, 3L, 5L, 6L], events.Where(e => e.Type == EventTypes.DocumentRejected)
            .Select(e => e.Data!.Value.GetProperty("input_location").GetProperty("line").GetInt64()).Order());
        var completed = Assert.Single(events, e => e.Type == EventTypes.CleaningJobCompleted);
        Assert.Same(completed, events[^1]);
        var counts = completed.Data!.Value.GetProperty("counts");
        Assert.Equal((9, 5, 4, 2), (counts.GetProperty("total").GetInt32(), counts.GetProperty("cleaned").GetInt32(),
            counts.GetProperty("rejected").GetInt32(), counts.GetProperty("duplicates").GetInt32()));
        // Each pair is one duplicate group led by whichever of the two was stored first (workers clean concurrently, so
        // storage order need not be line order).
        AssertOneGroup(cleaned, "b1", "b2");
        AssertOneGroup(cleaned, "a1", "a2");
        Assert.All(events, e => Assert.NotNull(e.TraceParent));

        var lines = await File.ReadAllLinesAsync(Path.Combine(harness.OutputDir, submitted.Id + ".jsonl"));
        var written = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["a1", "b1", "b2", "a2", "d1"], written.Select(w => w.GetProperty("id").GetString()));
        var library = written[^1].GetProperty("text").GetString()!;
        Assert.Contains("glass roof", library, StringComparison.Ordinal);
        Assert.DoesNotContain("Share on Facebook", library, StringComparison.Ordinal);
        Assert.DoesNotContain("tracking", library, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_input_is_rejected_line_by_line_and_the_job_still_completes()
    {
        await using var harness = await Stage1Harness.StartAsync();
        using var input = new MemoryStream();
        void Write(byte[] bytes) => input.Write([.. bytes, (byte)'\n']);
        void WriteLine(string line) => Write(Encoding.UTF8.GetBytes(line));
        WriteLine(Stage1Harness.Line(new { id = "good", content = Harbour }));
        Write([.. "{\"id\": \"utf\", \"content\": \""u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()]);
        Write([0x00, 0x01, 0x02, 0xFE, 0x89, 0x50, 0x4E, 0x47]);
        WriteLine(Stage1Harness.Line(new { id = "huge", content = new string('a', 2_100_000) }));
        WriteLine(Stage1Harness.Line(new { id = "deep", html = string.Concat(Enumerable.Repeat("<div>", 5_000)) + Harbour }));
        WriteLine(Stage1Harness.Line(new { id = "junk", content = string.Concat(Enumerable.Repeat("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", 40)) }));
        WriteLine("[1, 2, 3]");
        input.Position = 0;

        var submitted = await harness.Runtime.Submitter.SubmitAsync(new JobRequest("hostile", 2, "hostile.jsonl"), input, CancellationToken.None);
        harness.StartWorker();
        var job = await harness.WaitForJobAsync(submitted.Id, JobState.Completed);

        Assert.Equal((7L, 1L, 6L), (job.Submitted, job.Cleaned, job.Rejected));
        Assert.Equal([2L, 3L, 4L, 5L, 6L, 7L], job.FirstRejections.Select(r => r.Line));
        Assert.Equal(["invalid_utf8", "document_too_large", "html_too_deep", "non_text", "not_an_object"],
            job.FirstRejections.Where(r => r.Line != 3).Select(r => r.Code));
        Assert.All(job.FirstRejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
    }

    [Fact]
    public async Task Job_whose_every_line_is_rejected_at_submission_completes_without_any_worker()
    {
        await using var harness = await Stage1Harness.StartAsync();

        var job = await harness.SubmitAsync("not json\n{\"id\": 5}\n");

        Assert.Equal(JobState.Completed, job.State);
        Assert.Equal((2L, 0L, 2L), (job.Submitted, job.Cleaned, job.Rejected));
        var events = await harness.AnnouncementsAsync();
        Assert.Equal([EventTypes.DocumentRejected, EventTypes.DocumentRejected, EventTypes.CleaningJobCompleted], events.Select(e => e.Type));
        Assert.Empty(await File.ReadAllLinesAsync(Path.Combine(harness.OutputDir, job.Id + ".jsonl")));
    }

    [Fact]
    public async Task Two_workers_share_one_job_and_each_document_is_stored_and_announced_once()
    {
        await using var harness = await Stage1Harness.StartAsync();
        var input = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            // Distinct stories: a number and a place in every sentence keep them apart as near-duplicates.
            var text = string.Join(' ', Enumerable.Range(0, 6).Select(s =>
                $"Report {i} sentence {s}: the committee in district {i * 7 + s} reviewed {i + s} proposals about roads, schools and water supply for the coming year."));
            input.AppendLine(Stage1Harness.Line(new { id = $"doc-{i:D3}", title = $"Report {i}", content = text }));
        }

        var submitted = await harness.SubmitAsync(input.ToString(), concurrency: 2);
        var first = harness.StartWorker("worker-1");
        var second = harness.StartWorker("worker-2");
        var job = await harness.WaitForJobAsync(submitted.Id, JobState.Completed, TimeSpan.FromSeconds(60));

        Assert.Equal((300L, 300L, 0L), (job.Submitted, job.Cleaned, job.Rejected));
        Assert.True(first.Statistics.Processed > 0 && second.Statistics.Processed > 0,
            $"worker-1 handled {first.Statistics.Processed}, worker-2 {second.Statistics.Processed}");
        var events = await harness.AnnouncementsAsync();
        var cleaned = events.Where(e => e.Type == EventTypes.DocumentCleaned).Select(e => e.Subject).ToList();
        Assert.Equal(300, cleaned.Count);
        Assert.Equal(300, cleaned.Distinct(StringComparer.Ordinal).Count());
        Assert.Single(events, e => e.Type == EventTypes.CleaningJobCompleted);
    }

    [Fact]
    public async Task Work_items_whose_publish_times_out_are_sent_again_and_each_article_is_still_cleaned_and_announced_once()
    {
        await using var harness = await Stage1Harness.StartAsync(redisCommandTimeoutMs: 1000);
        var input = new StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            var text = string.Join(' ', Enumerable.Range(0, 5).Select(s =>
                $"Bulletin {i} line {s}: the harbour board in ward {i * 11 + s} counted {i + s} ships waiting for the locks to reopen after repairs."));
            input.AppendLine(Stage1Harness.Line(new { id = $"item-{i:D2}", title = $"Bulletin {i}", content = text }));
        }

        // A blocking pop on an empty list holds this client's later commands inside Redis for 3 s, as a stalled server
        // would: the submission's XADDs get no reply within the 1 s timeout, yet Redis runs every one of them later.
        var stall = harness.Runtime.Redis.ExecuteAsync(["BLPOP", $"stall-{Guid.NewGuid():N}", "3"]).AsTask();
        var submitted = await harness.SubmitAsync(input.ToString());
        await Assert.ThrowsAsync<Redis.RedisTimeoutException>(() => stall);

        Assert.Equal(20L, submitted.Submitted);
        var copies = await harness.Runtime.Redis.XLenAsync(harness.Options.WorkStream);
        Assert.True(copies >= 40, $"the work stream holds {copies} entries: the timed-out sends did not reach it, so nothing was sent twice");
        harness.StartWorker("worker-1");
        harness.StartWorker("worker-2");
        var job = await harness.WaitForJobAsync(submitted.Id, JobState.Completed, TimeSpan.FromSeconds(60));

        Assert.Equal((20L, 20L, 0L), (job.Submitted, job.Cleaned, job.Rejected));
        var events = await harness.AnnouncementsAsync();
        var cleaned = events.Where(e => e.Type == EventTypes.DocumentCleaned).Select(e => e.Subject).ToList();
        Assert.Equal(20, cleaned.Count);
        Assert.Equal(20, cleaned.Distinct(StringComparer.Ordinal).Count());
        Assert.Single(events, e => e.Type == EventTypes.CleaningJobCompleted);
    }

    private static void AssertOneGroup(List<CloudEvent> cleaned, string first, string second)
    {
        string? Group(string id) => Data(cleaned, id).GetProperty("duplicate_group").GetString();
        var (a, b) = (Group(first), Group(second));
        Assert.True((a is null && b == first) || (b is null && a == second), $"{first} is in group '{a}', {second} in group '{b}'");
    }

    private static JsonElement Data(List<CloudEvent> events, string subject) => events.Single(e => e.Subject == subject).Data!.Value;
}
