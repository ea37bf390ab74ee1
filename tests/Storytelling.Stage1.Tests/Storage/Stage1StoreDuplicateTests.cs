using Storytelling.Cleaning.Duplicates;
using Storytelling.Stage1.Storage;
using Storytelling.Testing;

namespace Storytelling.Stage1.Tests.Storage;

public sealed class Stage1StoreDuplicateTests(Stage1Database database) : IClassFixture<Stage1Database>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private Stage1Store Store => database.Store;

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task Exact_and_near_duplicates_are_found_across_batches_and_jobs_and_a_different_story_stays_apart()
    {
        // The only test using the crafted wire stories, so no other test's documents match them.
        var first = await CreateJobAsync();
        var second = await CreateJobAsync();
        var shouted = "  " + Stories.Wire.ToUpperInvariant().Replace(", ", " , ", StringComparison.Ordinal) + "\n";

        var batch1 = await Store.WriteOutcomesAsync([Outcomes.Cleaned(first, 1, Stories.Wire, "wire")], Ct);
        var batch2 = await Store.WriteOutcomesAsync(
            [
                Outcomes.Cleaned(first, 2, Stories.Reworded, "reworded"),
                Outcomes.Cleaned(first, 3, Stories.OtherQuake, "other-quake"),
                Outcomes.Cleaned(first, 4, shouted, "wire-shouted"),
            ],
            Ct);
        var batch3 = await Store.WriteOutcomesAsync(
            [
                Outcomes.Cleaned(second, 1, Stories.Reworded, "reworded-again"),
                Outcomes.Cleaned(second, 2, Stories.Reworded + " Officials will give an update at noon.", "reworded-update"),
            ],
            Ct);

        Assert.Null(Assert.Single(batch1.Outcomes).Duplicate);
        var near = batch2.Outcomes[0].Duplicate;
        Assert.NotNull(near);
        Assert.Equal(("wire", "wire", DuplicateKind.Near), (near.GroupId, near.MatchedDocumentId, near.Kind));
        Assert.InRange(near.Similarity, 0.8, 0.99);
        Assert.Null(batch2.Outcomes[1].Duplicate);
        Assert.Equal(new DuplicateMatch("wire", "wire", DuplicateKind.Exact, 1.0), batch2.Outcomes[2].Duplicate);

        // In another job: an exact copy of the reworded story joins the wire's group through it; an extended copy is near.
        Assert.Equal(new DuplicateMatch("wire", "reworded", DuplicateKind.Exact, 1.0), batch3.Outcomes[0].Duplicate);
        Assert.Equal(("wire", DuplicateKind.Near), (batch3.Outcomes[1].Duplicate?.GroupId, batch3.Outcomes[1].Duplicate?.Kind));

        var stored = await Store.ReadJobDocumentsAsync(first, Ct).ToListAsync(Ct);
        Assert.Equal(
            [(null, null), ("wire", DuplicateKind.Near), (null, null), ("wire", DuplicateKind.Exact)],
            stored.Select(d => (d.DuplicateGroup, d.DuplicateKind)));
        Assert.Equal(near.Similarity, stored[1].DuplicateSimilarity);
        Assert.Equal("wire", stored[1].DuplicateOf);
        Assert.Equal((4L, 2L), (batch2.Jobs[0].Cleaned, batch2.Jobs[0].Duplicates));
        Assert.Equal((2L, 2L), (batch3.Jobs[0].Cleaned, batch3.Jobs[0].Duplicates));
    }

    [Fact]
    public async Task Duplicates_within_one_batch_join_the_group_of_its_first_document()
    {
        var jobId = await CreateJobAsync();
        var story = Stories.Unique();

        var result = await Store.WriteOutcomesAsync(
            [
                Outcomes.Cleaned(jobId, 3, story.ToUpperInvariant()),
                Outcomes.Cleaned(jobId, 1, story),
                Outcomes.Cleaned(jobId, 2, Stories.Edited(story)),
                Outcomes.Cleaned(jobId, 4, Stories.Unique()),
            ],
            Ct);

        // Line order decides who is first, not the order of the list.
        Assert.Equal(new DuplicateMatch($"{jobId}-1", $"{jobId}-1", DuplicateKind.Exact, 1.0), result.Outcomes[0].Duplicate);
        Assert.Null(result.Outcomes[1].Duplicate);
        Assert.Equal(($"{jobId}-1", DuplicateKind.Near), (result.Outcomes[2].Duplicate?.GroupId, result.Outcomes[2].Duplicate?.Kind));
        // The story is random text, so the MinHash estimate of three edited words in 300 varies from run to run: about
        // 0.95, and 127 or 128 of 128 hashes agree in about 1 % of runs. "Near, not exact" is the kind's job above.
        Assert.InRange(result.Outcomes[2].Duplicate!.Similarity, 0.85, 1.0);
        Assert.Null(result.Outcomes[3].Duplicate);
        Assert.Equal((4L, 2L), (result.Jobs[0].Cleaned, result.Jobs[0].Duplicates));
    }

    [Fact]
    public async Task Writing_the_same_outcomes_again_changes_no_count_and_returns_the_stored_match()
    {
        var jobId = await CreateJobAsync();
        await Store.MarkSubmittedAsync(jobId, 4, Ct);
        var story = Stories.Unique();
        List<DocumentOutcome> outcomes =
        [
            Outcomes.Cleaned(jobId, 1, story),
            Outcomes.Cleaned(jobId, 2, Stories.Edited(story)),
            Outcomes.Rejected(jobId, 3),
        ];
        var first = await Store.WriteOutcomesAsync(outcomes, Ct);

        // A redelivery of all three, together with a new line and a second copy of line 2 in the same batch.
        var again = await Store.WriteOutcomesAsync([.. outcomes, Outcomes.Cleaned(jobId, 4, story), outcomes[1]], Ct);

        Assert.Equal([true, true, true], first.Outcomes.Select(o => o.Inserted));
        Assert.Equal([false, false, false, true, false], again.Outcomes.Select(o => o.Inserted));
        Assert.Equal(first.Outcomes.Select(o => o.Duplicate), again.Outcomes.Take(3).Select(o => o.Duplicate));
        Assert.NotNull(again.Outcomes[1].Duplicate);
        Assert.Equal(again.Outcomes[1].Duplicate, again.Outcomes[4].Duplicate);
        Assert.Equal(new DuplicateMatch($"{jobId}-1", $"{jobId}-1", DuplicateKind.Exact, 1.0), again.Outcomes[3].Duplicate);
        var progress = Assert.Single(again.Jobs);
        Assert.Equal((3L, 1L, 2L, true), (progress.Cleaned, progress.Rejected, progress.Duplicates, progress.IsComplete));
        Assert.Equal(progress, await Store.GetProgressAsync(jobId, Ct));
    }

    [Fact]
    public async Task Two_writers_of_near_duplicates_at_the_same_time_always_leave_exactly_one_original()
    {
        var jobId = await CreateJobAsync();
        for (var round = 0; round < 30; round++)
        {
            var story = Stories.Unique();
            var a = Outcomes.Cleaned(jobId, (2 * round) + 1, story);
            var b = Outcomes.Cleaned(jobId, (2 * round) + 2, Stories.Edited(story));

            var results = await Task.WhenAll(
                Task.Run(() => Store.WriteOutcomesAsync([a], Ct)),
                Task.Run(() => Store.WriteOutcomesAsync([b], Ct)));

            var stored = new[]
            {
                await Store.GetDocumentAsync(jobId, a.DocumentId, Ct),
                await Store.GetDocumentAsync(jobId, b.DocumentId, Ct),
            };
            var original = Assert.Single(stored, d => d!.DuplicateGroup is null)!;
            var copy = Assert.Single(stored, d => d!.DuplicateGroup is not null)!;
            Assert.Equal((original.Id, original.Id, DuplicateKind.Near), (copy.DuplicateGroup, copy.DuplicateOf, copy.DuplicateKind));
            Assert.Equal(
                stored.Select(d => d!.DuplicateGroup),
                results.Select(r => Assert.Single(r.Outcomes).Duplicate?.GroupId));
        }

        Assert.Equal(30, (await Store.GetProgressAsync(jobId, Ct))!.Duplicates);
    }

    [Fact]
    public async Task Concurrent_batches_sharing_near_duplicates_neither_deadlock_nor_split_a_group()
    {
        const int writers = 4;
        const int storiesPerBatch = 25;
        for (var round = 0; round < 3; round++)
        {
            var jobs = new List<string>();
            for (var w = 0; w < writers; w++)
            {
                jobs.Add(await CreateJobAsync());
            }

            var stories = Enumerable.Range(0, storiesPerBatch).Select(_ => Stories.Unique()).ToList();

            // Every writer has a variant of every story, in its own order, so their band keys overlap everywhere.
            var batches = jobs.Select((jobId, w) => stories
                .Select((story, s) => Outcomes.Cleaned(jobId, s + 1, Stories.Variant(story, w)))
                .OrderBy(o => (o.Line * (w + 3)) % storiesPerBatch)
                .ToList()).ToList();
            await Task.WhenAll(batches.Select(batch => Task.Run(() => Store.WriteOutcomesAsync(batch, Ct))));

            for (var s = 0; s < storiesPerBatch; s++)
            {
                var copies = new List<StoredDocument>();
                foreach (var jobId in jobs)
                {
                    copies.Add((await Store.GetDocumentAsync(jobId, $"{jobId}-{s + 1}", Ct))!);
                }

                var original = Assert.Single(copies, d => d.DuplicateGroup is null);
                Assert.All(copies.Where(d => d != original), d => Assert.Equal((original.Id, DuplicateKind.Near), (d.DuplicateGroup, d.DuplicateKind)));
            }
        }
    }

    public void Dispose() => _timeout.Dispose();

    private async Task<string> CreateJobAsync()
    {
        var jobId = UniqueNames.Identifier("job");
        await Store.CreateJobAsync(new NewJob(jobId, Outcomes.BatchId, 2, "articles.jsonl", Stage1Database.Now), Ct);
        return jobId;
    }
}
