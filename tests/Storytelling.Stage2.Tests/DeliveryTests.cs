using System.Text.Json;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;

namespace Storytelling.Stage2.Tests;

/// <summary>
/// What the event consumer does with deliveries that are not the happy path: the same <c>job.completed</c> arriving
/// twice (redelivered as is, and announced again under a new id), and an announcement it cannot handle.
/// </summary>
public sealed class DeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_same_job_completed_delivered_twice_is_processed_once()
    {
        await using var harness = await Stage2Harness.StartAsync(batchMode: true);
        harness.StartServices();

        var job = await harness.SubmitAsync(Enumerable.Range(50, 5).Select(n => Stage2Harness.Article(n)));
        var completed = await Stage1JobCompletedAsync(harness, job.Id);
        // The entry redelivered exactly as it was (a replay, or a producer retrying its XADD) ...
        await AddAsync(harness, completed);
        // ... and the same announcement published again under a new id (a producer that forgot it had announced).
        var last = await AddAsync(harness, completed with { Id = Guid.CreateVersion7().ToString() });
        await harness.WaitForNlpJobAsync(job.Id);
        await ConsumedThroughAsync(harness, last);

        var announcements = await Stage2Harness.AnnouncementsAsync(harness.Stage2.Redis, harness.Stage2.Settings.Stage2.EventStream);
        Assert.Equal(5, announcements.Count(e => e.Type == EventTypes.DocumentProcessed));
        Assert.Equal(5, announcements.Where(e => e.Type == EventTypes.DocumentProcessed).Select(e => e.Subject).Distinct().Count());
        Assert.Single(announcements, e => e.Type == EventTypes.NlpJobCompleted);
        Assert.Equal(5, await harness.Stage2.Redis.XLenAsync(harness.Stage2.Settings.Stage2.WorkStream));
        var counts = await harness.Stage2.Store.GetCountsAsync(job.Id, CancellationToken.None);
        Assert.Equal((5L, 5L), (counts!.Total!.Value, counts.Processed));
    }

    [Fact]
    public async Task An_announcement_that_keeps_failing_is_retried_then_dead_lettered_with_its_reason_and_the_next_job_still_runs()
    {
        await using var harness = await Stage2Harness.StartAsync(batchMode: true);
        harness.StartServices();
        var stray = CloudEvent.Create(EventTypes.CleaningJobCompleted, "/tests/stray", new { job_id = "job-nobody-submitted", counts = new { total = 3, cleaned = 3 } });

        await AddAsync(harness, stray);
        var job = await harness.SubmitAsync(Enumerable.Range(60, 2).Select(n => Stage2Harness.Article(n)));
        await harness.WaitForNlpJobAsync(job.Id);

        var deadLetters = new DeadLetters(harness.Stage2.Stage1Redis, harness.EventConsumer.Options.DeadLetterStream);
        var deadline = DateTime.UtcNow + Patience;
        IReadOnlyList<DeadLetter> letters;
        while ((letters = await deadLetters.ListAsync(10, CancellationToken.None)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the stray job.completed never reached the dead-letter stream");
            await Task.Delay(100);
        }

        var letter = Assert.Single(letters);
        Assert.Equal(stray.Id, letter.Event!.Id);
        Assert.Equal(harness.EventConsumer.Options.MaxRetries, letter.Attempts);
        Assert.Contains("holds no job job-nobody-submitted", letter.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(await harness.Stage2.Store.GetCountsAsync("job-nobody-submitted", CancellationToken.None));
    }

    private static async Task<CloudEvent> Stage1JobCompletedAsync(Stage2Harness harness, string jobId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var completed = (await harness.Stage1AnnouncementsAsync()).FirstOrDefault(e => e.Type == EventTypes.CleaningJobCompleted && e.Subject == jobId);
            if (completed is not null)
            {
                return completed;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Stage 1 never announced job.completed for {jobId}");
            await Task.Delay(50);
        }
    }

    private static async Task<StreamId> AddAsync(Stage2Harness harness, CloudEvent cloudEvent) =>
        (await harness.Stage2.Stage1Redis.XAddAsync(harness.Stage1.Settings.Stage1.EventStream, CloudEventStreamBinding.ToFields(cloudEvent)))!.Value;

    /// <summary>Waits until the event consumer's group has been delivered <paramref name="id"/> and acknowledged everything.</summary>
    private static async Task ConsumedThroughAsync(Stage2Harness harness, StreamId id)
    {
        var deadline = DateTime.UtcNow + Patience;
        var options = harness.EventConsumer.Options;
        while (true)
        {
            var group = (await harness.Stage2.Stage1Redis.XInfoGroupsAsync(options.SourceStream)).Single(g => g.Name == options.ConsumerGroup);
            if (group.LastDeliveredId.CompareTo(id) >= 0 && group.Pending == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the event consumer has not finished with entry {id}: {JsonSerializer.Serialize(group)}");
            await Task.Delay(50);
        }
    }
}
