using System.Diagnostics;
using Storytelling.Articles;
using Storytelling.Stage1.Storage;
using Storytelling.Testing;
using Xunit.Abstractions;

namespace Storytelling.Stage1.Tests.Storage;

public sealed class Stage1StoreTests(Stage1Database database, ITestOutputHelper output) : IClassFixture<Stage1Database>, IDisposable
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private Stage1Store Store => database.Store;

    private CancellationToken Ct => _timeout.Token;

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Publication_dates_store_whether_every_document_in_a_batch_has_one_none_or_some(bool firstHasDate, bool secondHasDate)
    {
        var jobId = await CreateJobAsync();
        DocumentOutcome WithDate(long line, bool hasDate)
        {
            var outcome = Outcomes.Cleaned(jobId, line, $"Story number {line} about the harbour, the council and the weather, told plainly for readers {Guid.NewGuid()}.");
            var document = outcome.Document! with { PublishedAt = hasDate ? new DateTimeOffset(2026, 11, 3, 6, 15, 0, TimeSpan.FromHours(2)) : null };
            return DocumentOutcome.Cleaned(jobId, line, outcome.BatchId, document, Outcomes.Hasher);
        }

        await Store.WriteOutcomesAsync([WithDate(1, firstHasDate), WithDate(2, secondHasDate)], Ct);

        var stored = new List<StoredDocument>();
        await foreach (var document in Store.ReadJobDocumentsAsync(jobId, Ct))
        {
            stored.Add(document);
        }

        Assert.Equal([firstHasDate, secondHasDate], stored.Select(d => d.PublishedAt is not null));
        Assert.All(stored.Where(d => d.PublishedAt is not null), d => Assert.Equal(new DateTimeOffset(2026, 11, 3, 4, 15, 0, TimeSpan.Zero), d.PublishedAt));
    }

    [Fact]
    public async Task A_job_goes_from_queued_to_running_to_completed_counting_every_line_once()
    {
        var jobId = await CreateJobAsync();
        var queued = await Store.GetJobAsync(jobId, 10, Ct);
        Assert.NotNull(queued);
        Assert.Equal((JobState.Queued, (long?)null, 4, "articles.jsonl", Outcomes.BatchId), (queued.State, queued.Submitted, queued.Concurrency, queued.InputName, queued.BatchId));
        Assert.Equal(CreatedAt, queued.CreatedAt);
        Assert.Null(queued.StartedAt);

        var afterInput = await Store.AddInputRejectionsAsync(jobId, [Outcomes.InputRejection(2)], Ct);
        Assert.Equal((1L, (long?)null, JobState.Queued), (afterInput.Rejected, afterInput.Submitted, afterInput.State));

        // Three work items on the stream plus the rejected line 2: four lines to account for.
        var submitted = await Store.MarkSubmittedAsync(jobId, 3, Ct);
        Assert.Equal((4L, JobState.Running, false), (submitted.Submitted!.Value, submitted.State, submitted.IsComplete));
        Assert.False(await Store.TryCompleteAsync(jobId, Stage1Database.Now, Ct));

        var first = await Store.WriteOutcomesAsync([Outcomes.Cleaned(jobId, 1, Stories.Unique()), Outcomes.Rejected(jobId, 3)], Ct);
        var progress = Assert.Single(first.Jobs);
        Assert.Equal((1L, 2L, false), (progress.Cleaned, progress.Rejected, progress.IsComplete));

        var last = await Store.WriteOutcomesAsync([Outcomes.Cleaned(jobId, 4, Stories.Unique())], Ct);
        Assert.True(Assert.Single(last.Jobs).IsComplete);

        var completedAt = Stage1Database.Now.AddMinutes(3);
        Assert.True(await Store.TryCompleteAsync(jobId, completedAt, Ct));
        Assert.False(await Store.TryCompleteAsync(jobId, completedAt.AddMinutes(1), Ct));
        var job = await Store.GetJobAsync(jobId, 10, Ct);
        Assert.NotNull(job);
        Assert.Equal(
            (JobState.Completed, (long?)4, 2L, 2L, 0L),
            (job.State, job.Submitted, job.Cleaned, job.Rejected, job.Duplicates));
        Assert.Equal(Stage1Database.Now, job.StartedAt);
        Assert.Equal(completedAt, job.CompletedAt);
        Assert.Equal(job.Progress, await Store.GetProgressAsync(jobId, Ct));
    }

    [Fact]
    public async Task Creating_a_job_id_twice_is_an_error_naming_the_id()
    {
        var jobId = await CreateJobAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Store.CreateJobAsync(new NewJob(jobId, "other-batch", 1, "other.jsonl", CreatedAt), Ct));

        Assert.Contains(jobId, error.Message, StringComparison.Ordinal);
        Assert.Equal(Outcomes.BatchId, (await Store.GetJobAsync(jobId, 0, Ct))!.BatchId);
    }

    [Fact]
    public async Task Rejections_count_once_and_the_first_ones_are_listed_in_line_order()
    {
        var jobId = await CreateJobAsync();

        await Store.AddInputRejectionsAsync(jobId, [Outcomes.InputRejection(9), Outcomes.InputRejection(3), Outcomes.InputRejection(7)], Ct);
        var again = await Store.AddInputRejectionsAsync(jobId, [Outcomes.InputRejection(3), Outcomes.InputRejection(11)], Ct);
        await Store.WriteOutcomesAsync([Outcomes.Cleaned(jobId, 1, Stories.Unique()), Outcomes.Rejected(jobId, 5)], Ct);

        Assert.Equal(4, again.Rejected);
        var job = await Store.GetJobAsync(jobId, 3, Ct);
        Assert.NotNull(job);
        Assert.Equal(5, job.Rejected);
        Assert.Equal(
            [(3L, RejectionStage.Input, RejectionCodes.InvalidJson), (5L, RejectionStage.Cleaning, "too_short"), (7L, RejectionStage.Input, RejectionCodes.InvalidJson)],
            job.FirstRejections.Select(r => (r.Line, r.Stage, r.Code)));
        Assert.Equal("The text has 9 words; at least 40 are required (line 5).", job.FirstRejections[1].Reason);
        Assert.Empty((await Store.GetJobAsync(jobId, 0, Ct))!.FirstRejections);
    }

    [Fact]
    public async Task Input_rejections_added_after_submission_still_leave_the_job_waiting_for_every_work_item()
    {
        var jobId = await CreateJobAsync();
        await Store.MarkSubmittedAsync(jobId, 2, Ct);

        var progress = await Store.AddInputRejectionsAsync(jobId, [Outcomes.InputRejection(2)], Ct);
        var afterOne = await Store.WriteOutcomesAsync([Outcomes.Cleaned(jobId, 1, Stories.Unique())], Ct);

        Assert.Equal((3L, 1L), (progress.Submitted!.Value, progress.Rejected));
        Assert.False(Assert.Single(afterOne.Jobs).IsComplete);
        Assert.True(Assert.Single((await Store.WriteOutcomesAsync([Outcomes.Cleaned(jobId, 3, Stories.Unique())], Ct)).Jobs).IsComplete);
    }

    [Fact]
    public async Task Outcomes_stored_before_the_submission_finished_make_the_submission_report_the_job_complete()
    {
        var jobId = await CreateJobAsync();
        var written = await Store.WriteOutcomesAsync([Outcomes.Cleaned(jobId, 1, Stories.Unique()), Outcomes.Rejected(jobId, 2)], Ct);
        Assert.False(Assert.Single(written.Jobs).IsComplete);

        var submitted = await Store.MarkSubmittedAsync(jobId, 2, Ct);

        Assert.True(submitted.IsComplete);
        Assert.True(await Store.TryCompleteAsync(jobId, Stage1Database.Now, Ct));
    }

    [Fact]
    public async Task A_failed_job_keeps_its_error_and_a_completed_job_cannot_fail()
    {
        var failing = await CreateJobAsync();
        await Store.MarkFailedAsync(failing, "articles.jsonl could not be read: permission denied.", Ct);
        var failed = await Store.GetJobAsync(failing, 0, Ct);
        Assert.Equal((JobState.Failed, "articles.jsonl could not be read: permission denied."), (failed!.State, failed.Error));
        Assert.Equal(Stage1Database.Now, failed.CompletedAt);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.MarkSubmittedAsync(failing, 1, Ct));

        var done = await CreateJobAsync();
        await Store.MarkSubmittedAsync(done, 0, Ct);
        Assert.True(await Store.TryCompleteAsync(done, Stage1Database.Now, Ct));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.MarkFailedAsync(done, "late failure", Ct));
        Assert.Contains(done, error.Message, StringComparison.Ordinal);
        Assert.Contains("completed", error.Message, StringComparison.Ordinal);
        Assert.Equal(JobState.Completed, (await Store.GetProgressAsync(done, Ct))!.State);

        var unknown = UniqueNames.Identifier("job");
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.MarkFailedAsync(unknown, "x", Ct));
        Assert.Contains(unknown, missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outcomes_of_a_job_that_does_not_exist_are_refused_and_nothing_of_the_batch_is_stored()
    {
        var jobId = await CreateJobAsync();
        var unknown = UniqueNames.Identifier("job");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteOutcomesAsync(
            [Outcomes.Cleaned(jobId, 1, Stories.Unique()), Outcomes.Cleaned(unknown, 1, Stories.Unique())], Ct));

        Assert.Contains($"{unknown} line 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await Store.GetProgressAsync(jobId, Ct))!.Cleaned);
        Assert.Empty(await Store.ReadJobDocumentsAsync(jobId, Ct).ToListAsync(Ct));
        Assert.Null(await Store.GetProgressAsync(unknown, Ct));
    }

    [Fact]
    public async Task Documents_read_back_in_line_order_with_every_field_the_output_needs()
    {
        var jobId = await CreateJobAsync();
        var texts = new[] { Stories.Unique(), Stories.Unique(), Stories.Unique() };
        await Store.WriteOutcomesAsync(
            [Outcomes.Cleaned(jobId, 3, texts[2]), Outcomes.Cleaned(jobId, 1, texts[0]), Outcomes.Cleaned(jobId, 2, texts[1])], Ct);

        var documents = await Store.ReadJobDocumentsAsync(jobId, Ct).ToListAsync(Ct);
        var single = await Store.GetDocumentAsync(jobId, $"{jobId}-2", Ct);

        Assert.Equal([1L, 2L, 3L], documents.Select(d => d.Line));
        Assert.Equal(texts, documents.Select(d => d.Text));
        Assert.NotNull(single);
        var expected = Outcomes.Document($"{jobId}-2", texts[1]);
        Assert.Equal(
            (expected.Id, jobId, Outcomes.BatchId, expected.Title, expected.Language, expected.ContentHash, expected.Source, expected.Url),
            (single.Id, single.JobId, single.BatchId, single.Title, single.Language, single.ContentHash, single.Source, single.Url));
        Assert.Equal(expected.Authors, single.Authors);
        Assert.Equal(expected.Repairs, single.Repairs);
        Assert.Empty(single.DateFlags);
        Assert.Equal(expected.PublishedAt, single.PublishedAt);
        Assert.Equal(expected.PublishedAtRaw, single.PublishedAtRaw);
        Assert.Equal((ContentField.Html, 0.31, 0.97, expected.CharacterCount), (single.ContentField, single.BoilerplateRatio, single.LanguageConfidence, single.CharacterCount));
        Assert.Null(single.DuplicateGroup);
        Assert.Null(single.DuplicateKind);
        Assert.Null(await Store.GetDocumentAsync(jobId, "no-such-document", Ct));
    }

    [Fact]
    public async Task TryComplete_returns_true_for_exactly_one_of_eight_racing_callers()
    {
        for (var round = 0; round < 10; round++)
        {
            var jobId = await CreateJobAsync();
            await Store.MarkSubmittedAsync(jobId, 1, Ct);
            await Store.WriteOutcomesAsync([Outcomes.Rejected(jobId, 1)], Ct);

            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.TryCompleteAsync(jobId, Stage1Database.Now, Ct))));

            Assert.Single(answers, a => a);
            Assert.Equal(JobState.Completed, (await Store.GetProgressAsync(jobId, Ct))!.State);
        }
    }

    [Fact]
    public async Task A_batch_of_1000_outcomes_is_written_in_one_call()
    {
        var jobId = await CreateJobAsync();
        await Store.MarkSubmittedAsync(jobId, 1000, Ct);
        var outcomes = Enumerable.Range(1, 1000)
            .Select(line => line % 20 == 0 ? Outcomes.Rejected(jobId, line) : Outcomes.Cleaned(jobId, line, Stories.Unique()))
            .ToList();

        var stopwatch = Stopwatch.StartNew();
        var result = await Store.WriteOutcomesAsync(outcomes, Ct);
        var firstWrite = stopwatch.Elapsed;
        stopwatch.Restart();
        var again = await Store.WriteOutcomesAsync(outcomes, Ct);
        output.WriteLine($"1,000 outcomes (950 documents, 50 rejections): written in {firstWrite.TotalMilliseconds:F0} ms, re-written in {stopwatch.Elapsed.TotalMilliseconds:F0} ms");

        Assert.All(result.Outcomes, o => Assert.True(o.Inserted));
        Assert.All(again.Outcomes, o => Assert.False(o.Inserted));
        var progress = Assert.Single(again.Jobs);
        Assert.Equal((950L, 50L, 0L, true), (progress.Cleaned, progress.Rejected, progress.Duplicates, progress.IsComplete));
        var lines = await Store.ReadJobDocumentsAsync(jobId, Ct).Select(d => d.Line).ToListAsync(Ct);
        Assert.Equal(Enumerable.Range(1, 1000).Where(l => l % 20 != 0).Select(l => (long)l), lines);
    }

    public void Dispose() => _timeout.Dispose();

    private async Task<string> CreateJobAsync()
    {
        var jobId = UniqueNames.Identifier("job");
        await Store.CreateJobAsync(new NewJob(jobId, Outcomes.BatchId, 4, "articles.jsonl", CreatedAt), Ct);
        return jobId;
    }
}
