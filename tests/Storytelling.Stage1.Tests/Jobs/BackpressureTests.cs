using System.Globalization;
using System.Text;
using Storytelling.Messaging;
using Storytelling.Redis;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage1.Tests.Jobs;

/// <summary>
/// Backpressure (<c>stage1.backpressure</c>): cleaning workers stop taking work while Stage 2's consumer group lags too
/// far behind on Stage 1's event stream, and go on once it has caught up.
/// </summary>
public sealed class BackpressureTests
{
    private const string Group = "stage2-slowed";
    private const int Articles = 40;
    private const int MaxLag = 8;
    private const int ReadBatch = 2;

    [Fact]
    public async Task Workers_pause_while_stage2s_group_lags_and_resume_as_it_catches_up_until_the_job_completes()
    {
        var backpressure = new BackpressureOptions
        {
            Group = Group,
            MaxLag = MaxLag,
            ResumeLag = 2,
            MaxPendingAgeSeconds = 3600,
            ResumePendingAgeSeconds = 1800,
            // Long enough for a worker to clean the whole job between two timed checks: the bounds below hold only
            // because the gate asks Redis before every read once the lag could be near max_lag.
            CheckIntervalMs = 500,
        };
        await using var harness = await Stage1Harness.StartAsync(backpressure);
        var redis = harness.Runtime.Redis;
        var events = harness.Options.EventStream;
        // The slowed Stage 2 consumer: its group exists before the job starts and reads nothing until told to.
        await redis.XGroupCreateAsync(events, Group, StreamId.Min, makeStream: true);
        harness.StartWorker(configure: options =>
        {
            options.BatchSize = ReadBatch;
            options.BacklogBatchSize = ReadBatch;
            options.ConcurrentTasks = ReadBatch;
        });

        var job = await harness.SubmitAsync(Input(), concurrency: ReadBatch);

        // Engaged: the announcements stop near max_lag (the work already read may overshoot it) and stay there.
        var bound = MaxLag + 3 * ReadBatch;
        var plateau = await SteadyLengthAsync(redis, events, TimeSpan.FromSeconds(1));
        Assert.InRange(plateau, MaxLag + 1, bound);
        var stalled = await harness.Runtime.Store.GetProgressAsync(job.Id, CancellationToken.None);
        Assert.True(stalled!.Cleaned < Articles, $"the job went on to {stalled.Cleaned} cleaned while Stage 2 lagged");

        // Released: the slowed consumer reads two entries at a time; the workers go on, the lag never passes the bound.
        var consumed = 0L;
        var maxLag = 0L;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (consumed < Articles + 1)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {consumed} of {Articles + 1} announcements arrived in 60 s");
            var entries = await redis.XReadGroupAsync(Group, "slow", events, StreamId.NeverDelivered, ReadBatch);
            if (entries.Count > 0)
            {
                await redis.XAckAsync(events, Group, [.. entries.Select(e => e.Id)]);
                consumed += entries.Count;
            }

            var group = (await redis.XInfoGroupsAsync(events)).Single(g => g.Name == Group);
            maxLag = Math.Max(maxLag, group.Lag ?? 0);
            await Task.Delay(40);
        }

        var done = await harness.WaitForJobAsync(job.Id, JobState.Completed);
        Assert.Equal(Articles, done.Cleaned + done.Rejected);
        Assert.InRange(maxLag, 0, bound);
    }

    [Fact]
    public async Task A_missing_group_never_holds_the_workers()
    {
        await using var harness = await Stage1Harness.StartAsync(new BackpressureOptions { Group = "nobody-consumes", MaxLag = 1, ResumeLag = 0, CheckIntervalMs = 50 });
        harness.StartWorker();

        var job = await harness.SubmitAsync(Input(), concurrency: 4);

        var done = await harness.WaitForJobAsync(job.Id, JobState.Completed, TimeSpan.FromSeconds(60));
        Assert.Equal(Articles, done.Cleaned + done.Rejected);
    }

    /// <summary>The length of <paramref name="stream"/> once it has not changed for <paramref name="steady"/>.</summary>
    private static async Task<long> SteadyLengthAsync(RedisClient redis, string stream, TimeSpan steady)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var (length, since) = (-1L, DateTime.UtcNow);
        while (true)
        {
            var now = await redis.XLenAsync(stream);
            if (now != length)
            {
                (length, since) = (now, DateTime.UtcNow);
            }
            else if (length > 0 && DateTime.UtcNow - since >= steady)
            {
                return length;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the event stream never stopped growing (at {now})");
            await Task.Delay(50);
        }
    }

    private static string Input()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Articles; i++)
        {
            text.AppendLine(Stage1Harness.Line(new
            {
                id = string.Create(CultureInfo.InvariantCulture, $"bp-{i}"),
                title = string.Create(CultureInfo.InvariantCulture, $"Bulletin {i}"),
                content = string.Create(CultureInfo.InvariantCulture,
                    $"Officials in county {i * 13 + 7} counted {i * 5 + 3} new housing grant applications this month. " +
                    $"The regional office said {i + 2} appeals were still open and that inspectors would visit district {i} next week. " +
                    $"Residents of street {i * 3 + 1} asked for faster decisions, and the council promised an answer before the end of the quarter."),
            }));
        }

        return text.ToString();
    }
}
