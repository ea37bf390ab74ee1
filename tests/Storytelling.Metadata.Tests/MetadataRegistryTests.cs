using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Storytelling.Storage;

namespace Storytelling.Metadata.Tests;

public sealed class MetadataRegistryTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<MetadataRegistryOptions> _databases = [];

    [Fact]
    public async Task Jobs_documents_events_and_storylines_reach_the_primary_once_each()
    {
        await using var registry = Start(RegistryTestOptions.SharedServer());
        var recorder = registry.Recorder(RegistryStages.Stage2);
        var jobId = Samples.NewJobId();

        await recorder.JobStartedAsync(jobId, "batch-1", 3, CancellationToken.None);
        Assert.Equal(3, await recorder.DocumentsWrittenAsync(Samples.Documents(jobId, 3), CancellationToken.None));
        await recorder.DocumentsWrittenAsync(Samples.Documents(jobId, 3), CancellationToken.None); // a redelivered batch
        await recorder.EventsWrittenAsync([Samples.Event(jobId, "doc-1", 1), Samples.Event(jobId, "doc-1", 2), Samples.Event(jobId, "doc-2", 1)], CancellationToken.None);
        await recorder.StorylinesAssignedAsync([new StorylineAssignment("doc-1-ev1", "doc-1", jobId, "sl-1"), new StorylineAssignment("doc-2-ev1", "doc-2", jobId, "sl-1")], CancellationToken.None);
        await recorder.JobFinishedAsync(jobId, null, CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None), $"{registry.Pending} writes still waiting");

        var job = Assert.Single(await registry.Reader.GetJobStagesAsync(jobId, CancellationToken.None));
        Assert.Equal((JobStatuses.Completed, "batch-1", 3L), (job.Status, job.BatchId, job.DocumentCount));
        Assert.NotNull(job.CompletedAt);
        Assert.Equal(["doc-1", "doc-2", "doc-3"], (await registry.Reader.DocumentsOfJobAsync(jobId, 100, CancellationToken.None)).Select(d => d.DocumentId));
        Assert.Equal(3, await CountAsync(registry.Options, "document_metadata"));
        Assert.Equal(3, await CountAsync(registry.Options, "event_metadata"));
        Assert.Equal(1, await CountAsync(registry.Options, "job_registry"));

        var lineage = await registry.Reader.LineageOfStorylineAsync("sl-1", CancellationToken.None);
        Assert.Equal(["doc-1-ev1", "doc-2-ev1"], lineage.Events.Select(e => e.EventId));
        Assert.Equal(["doc-1", "doc-2"], lineage.Documents.Select(d => d.DocumentId));
        Assert.Equal(jobId, Assert.Single(lineage.Jobs).JobId);
        var document = await registry.Reader.LineageOfDocumentAsync("doc-1", CancellationToken.None);
        Assert.Equal(["sl-1"], document.Storylines);
        Assert.Equal(2, document.Events.Count);
    }

    [Fact]
    public async Task A_large_batch_shares_outbox_rows_and_arrives_whole_and_in_order()
    {
        var options = RegistryTestOptions.SharedServer();
        options.BatchSize = 700; // smaller than one row of 1,000 records: a delivery takes whole rows
        await using var registry = Start(options);
        var recorder = registry.Recorder(RegistryStages.Stage1);
        var jobId = Samples.NewJobId();
        var documents = Samples.Documents(jobId, 2_500);
        Assert.Equal(2_500, await recorder.DocumentsWrittenAsync(documents, CancellationToken.None));
        // The same documents again with new titles: the later write wins.
        await recorder.DocumentsWrittenAsync([.. documents.Select(d => d with { Title = "v2 " + d.Title })], CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None), $"{registry.Pending} writes still waiting");

        var stored = await registry.Reader.DocumentsOfJobAsync(jobId, MetadataReader.MaxLimit, CancellationToken.None);
        Assert.Equal(MetadataReader.MaxLimit, stored.Count);
        Assert.All(stored, d => Assert.StartsWith("v2 ", d.Title, StringComparison.Ordinal));
        Assert.Equal(2_500, await CountAsync(registry.Options, "document_metadata"));
    }

    [Fact]
    public async Task A_stage_writing_document_by_document_is_delivered_in_one_transaction_with_every_later_write_winning()
    {
        var options = RegistryTestOptions.SharedServer();
        options.DeliveryLingerMs = 2_000; // every write below joins the first one's delivery
        await using var registry = Start(options);
        var recorder = registry.Recorder(RegistryStages.Stage2);
        var jobId = Samples.NewJobId();
        foreach (var n in new[] { 1, 2 })
        {
            await recorder.DocumentsWrittenAsync([Samples.Document(jobId, n)], CancellationToken.None);
            await recorder.EventsWrittenAsync([Samples.Event(jobId, $"doc-{n}", 1), Samples.Event(jobId, $"doc-{n}", 2)], CancellationToken.None);
        }

        await recorder.StorylinesAssignedAsync([new StorylineAssignment("doc-1-ev1", "doc-1", jobId, "sl-1")], CancellationToken.None);
        // Re-analysed after the assignment: the event's new description, the storyline it does not carry kept.
        await recorder.EventsWrittenAsync([Samples.Event(jobId, "doc-1", 1) with { Description = "police freed demonstrators" }], CancellationToken.None);
        await recorder.DocumentsWrittenAsync([Samples.Document(jobId, 1) with { Title = "Council rejects plan 1" }], CancellationToken.None);
        await recorder.StorylinesAssignedAsync([new StorylineAssignment("doc-2-ev2", "doc-2", jobId, "sl-2"), new StorylineAssignment("doc-2-ev2", "doc-2", jobId, "sl-3")], CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None), $"{registry.Pending} writes still waiting");

        Assert.Equal(["Council rejects plan 1", "Council approves plan 2"], (await registry.Reader.DocumentsOfJobAsync(jobId, 10, CancellationToken.None)).Select(d => d.Title));
        var events = (await registry.Reader.ListEventsAsync(new EventQuery(Limit: 10), CancellationToken.None)).ToDictionary(e => e.EventId);
        Assert.Equal(4, events.Count);
        Assert.Equal(("police freed demonstrators", "sl-1"), (events["doc-1-ev1"].Description, events["doc-1-ev1"].StorylineId));
        Assert.Equal("sl-3", events["doc-2-ev2"].StorylineId);
        Assert.Null(events["doc-2-ev1"].StorylineId);
    }

    [Fact]
    public async Task Writes_that_never_pause_are_delivered_after_the_longest_delay()
    {
        var options = RegistryTestOptions.SharedServer();
        options.DeliveryLingerMs = 1_000;
        options.DeliveryMaxDelayMs = 1_500;
        await using var registry = Start(options);
        var recorder = registry.Recorder(RegistryStages.Stage1);
        var first = Samples.NewJobId();
        await recorder.JobStartedAsync(first, "b", 1, CancellationToken.None);
        var writing = Stopwatch.StartNew();
        while ((await registry.Reader.GetJobStagesAsync(first, CancellationToken.None)).Count == 0)
        {
            // A write every 100 ms: the writes never pause for the linger's 1 s.
            Assert.True(writing.Elapsed < Patience, "the first job was not delivered while writes kept coming");
            await recorder.JobStartedAsync(Samples.NewJobId(), "b", 1, CancellationToken.None);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task An_outbox_left_by_an_older_version_one_record_per_row_is_adopted_and_delivered()
    {
        var options = RegistryTestOptions.SharedServer();
        var jobId = Samples.NewJobId();
        Directory.CreateDirectory(options.OutboxDir);
        SQLitePCL.Batteries_V2.Init();
        await using (var legacy = new SqliteConnection($"Data Source={Path.Combine(options.OutboxDir, "registry-legacy.outbox.db")};Pooling=False"))
        {
            await legacy.OpenAsync();
            await using var create = legacy.CreateCommand();
            create.CommandText =
                "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, stage TEXT NOT NULL, kind INTEGER NOT NULL, job_id TEXT NOT NULL, payload TEXT NOT NULL, created_ms INTEGER NOT NULL); " +
                string.Concat(Enumerable.Range(1, 3).Select(n =>
                    $"INSERT INTO outbox (stage, kind, job_id, payload, created_ms) VALUES ('stage1', 2, '{jobId}', '{{\"document_id\":\"doc-{n}\",\"job_id\":\"{jobId}\",\"title\":\"Old {n}\"}}', 1); "));
            await create.ExecuteNonQueryAsync();
        }

        await using var registry = Start(options);
        var deadline = DateTime.UtcNow + Patience;
        while ((await registry.Reader.DocumentsOfJobAsync(jobId, 10, CancellationToken.None)).Count < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the left outbox was not delivered");
            await Task.Delay(100);
        }

        Assert.Equal(["Old 1", "Old 2", "Old 3"], (await registry.Reader.DocumentsOfJobAsync(jobId, 10, CancellationToken.None)).Select(d => d.Title));
    }

    [Fact]
    public async Task A_status_change_is_visible_through_the_cache_as_soon_as_it_is_delivered()
    {
        await using var registry = Start(RegistryTestOptions.SharedServer());
        var recorder = registry.Recorder(RegistryStages.Stage1);
        var jobId = Samples.NewJobId();
        await recorder.JobStartedAsync(jobId, "b", 10, CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None));
        var reader = registry.Reader;

        Assert.Equal(JobStatuses.Running, (await reader.GetJobAsync(jobId, RegistryStages.Stage1, CancellationToken.None))?.Status);
        var (hits, misses) = (reader.CacheHits, reader.CacheMisses);
        Assert.Equal(JobStatuses.Running, (await reader.GetJobAsync(jobId, RegistryStages.Stage1, CancellationToken.None))?.Status);
        Assert.Equal((hits + 1, misses), (reader.CacheHits, reader.CacheMisses));

        await recorder.JobFinishedAsync(jobId, "input unreadable at line 3", CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None));

        var job = await reader.GetJobAsync(jobId, RegistryStages.Stage1, CancellationToken.None);
        Assert.Equal((JobStatuses.Failed, "input unreadable at line 3"), (job?.Status, job?.ErrorMessage));
        Assert.Equal(hits + 2, reader.CacheHits); // served by the cache, which the deliverer had already updated
    }

    [Fact]
    public async Task A_cache_outage_is_answered_by_the_primary_and_counted()
    {
        var options = RegistryTestOptions.SharedServer();
        await using var registry = Start(options);
        var jobId = Samples.NewJobId();
        await registry.Recorder(RegistryStages.Stage1).JobStartedAsync(jobId, "b", 4, CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None));
        var noRedis = new Redis.RedisOptions { Host = "127.0.0.1", Port = Testing.FreePorts.Next(), ConnectTimeoutMs = 500 };
        await using var reader = MetadataReader.Open(options, noRedis, NullLoggerFactory.Instance);

        var job = await reader.GetJobAsync(jobId, RegistryStages.Stage1, CancellationToken.None);
        var stages = await reader.GetJobStagesAsync(jobId, CancellationToken.None);

        Assert.Equal((JobStatuses.Running, 4L), (job?.Status, job?.DocumentCount));
        Assert.Equal(jobId, Assert.Single(stages).JobId);
        Assert.Equal((0L, 0L, 3L), (reader.CacheHits, reader.CacheMisses, reader.CacheErrors));
    }

    [Fact]
    public async Task A_finished_job_never_goes_back_to_running()
    {
        await using var registry = Start(RegistryTestOptions.SharedServer());
        var jobId = Samples.NewJobId();
        // The registration comes from another process whose outbox is delivered later.
        await registry.Recorder(RegistryStages.Stage1).JobFinishedAsync(jobId, null, CancellationToken.None);
        await registry.Recorder(RegistryStages.Stage1).JobStartedAsync(jobId, "late", 4, CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None));

        var job = await registry.Reader.GetJobAsync(jobId, RegistryStages.Stage1, CancellationToken.None);
        Assert.Equal((JobStatuses.Completed, "late", 4L), (job?.Status, job?.BatchId, job?.DocumentCount));
    }

    [Fact]
    public async Task Write_only_counts_what_it_would_write_and_writes_nothing()
    {
        var options = RegistryTestOptions.SharedServer();
        options.WriteOnly = true;
        await using var registry = Start(options);
        var recorder = registry.Recorder(RegistryStages.Stage2);
        var jobId = Samples.NewJobId();

        await recorder.JobStartedAsync(jobId, "b", 2, CancellationToken.None);
        Assert.Equal(0, await recorder.DocumentsWrittenAsync(Samples.Documents(jobId, 2), CancellationToken.None));
        await recorder.JobFinishedAsync(jobId, null, CancellationToken.None);

        Assert.Null(registry.OutboxFile);
        Assert.Empty(Directory.GetFiles(options.OutboxDir));
        Assert.Empty(await registry.Reader.ListJobsAsync(new JobQuery(), CancellationToken.None));
        Assert.Empty(await registry.Reader.DocumentsOfJobAsync(jobId, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Rollout_records_only_the_jobs_it_takes()
    {
        var options = RegistryTestOptions.SharedServer();
        options.PercentageRollout = 50;
        await using var registry = Start(options);
        var recorder = registry.Recorder(RegistryStages.Stage1);
        var jobs = Enumerable.Range(0, 40).Select(_ => Samples.NewJobId()).ToList();
        foreach (var jobId in jobs)
        {
            await recorder.JobStartedAsync(jobId, null, 1, CancellationToken.None);
            await recorder.DocumentsWrittenAsync([Samples.Document(jobId, 1)], CancellationToken.None);
        }

        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None));

        var listed = await registry.Reader.ListJobsAsync(new JobQuery(Stage: RegistryStages.Stage1), CancellationToken.None);
        Assert.Equal(jobs.Where(j => MetadataRollout.Includes(j, 50)).Order(StringComparer.Ordinal), listed.Select(j => j.JobId).Order(StringComparer.Ordinal));
        Assert.Equal(listed.Count, await CountAsync(options, "document_metadata"));
    }

    [Fact]
    public async Task Events_are_listed_by_type_date_range_and_storyline()
    {
        await using var registry = Start(RegistryTestOptions.SharedServer());
        var recorder = registry.Recorder(RegistryStages.Stage2);
        var jobId = Samples.NewJobId();
        await recorder.EventsWrittenAsync(
            [Samples.Event(jobId, "doc-1", 1, "conflict", 10), Samples.Event(jobId, "doc-1", 2, "meeting", 12), Samples.Event(jobId, "doc-2", 1, "conflict", 20)],
            CancellationToken.None);
        await recorder.StorylinesAssignedAsync([new StorylineAssignment("doc-2-ev1", "doc-2", jobId, "sl-9")], CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None));
        var reader = registry.Reader;
        var november = (From: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(["doc-1-ev1", "doc-2-ev1"], (await reader.ListEventsAsync(new EventQuery(EventType: "conflict"), CancellationToken.None)).Select(e => e.EventId));
        Assert.Equal(["doc-1-ev1", "doc-1-ev2"], (await reader.ListEventsAsync(new EventQuery(From: november.From, To: november.To), CancellationToken.None)).Select(e => e.EventId));
        Assert.Equal(["doc-2-ev1"], (await reader.ListEventsAsync(new EventQuery(StorylineId: "sl-9"), CancellationToken.None)).Select(e => e.EventId));
        Assert.Equal("conflict", (await reader.ListEventsAsync(new EventQuery(StorylineId: "sl-9"), CancellationToken.None))[0].EventType);
    }

    [Fact]
    public async Task Run_history_exports_as_openlineage_run_events()
    {
        await using var registry = Start(RegistryTestOptions.SharedServer());
        var jobId = Samples.NewJobId();
        await registry.Recorder(RegistryStages.Stage1).JobStartedAsync(jobId, "b", 2, CancellationToken.None);
        await registry.Recorder(RegistryStages.Stage1).JobFinishedAsync(jobId, null, CancellationToken.None);
        await registry.Recorder(RegistryStages.Stage2).JobStartedAsync(jobId, "b", 2, CancellationToken.None);
        await registry.Recorder(RegistryStages.Stage2).JobFinishedAsync(jobId, "NLP pipeline failed", CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None));

        var events = await registry.Reader.RunEventsAsync(jobId, CancellationToken.None);

        Assert.Equal(["START", "COMPLETE", "START", "FAIL"], events.Select(e => (string?)e["eventType"]));
        Assert.Equal((string?)events[0]["run"]!["runId"], (string?)events[1]["run"]!["runId"]);
        Assert.NotEqual((string?)events[0]["run"]!["runId"], (string?)events[2]["run"]!["runId"]);
        Assert.Equal("storytelling.stage2", (string?)events[3]["job"]!["name"]);
        Assert.Equal("NLP pipeline failed", (string?)events[3]["run"]!["facets"]!["errorMessage"]!["message"]);
        Assert.Equal(OpenLineageEvents.SchemaUrl, (string?)events[0]["schemaURL"]);
    }

    [Fact]
    public async Task The_redis_primary_holds_the_same_rows()
    {
        await using var registry = Start(RegistryTestOptions.SharedServer(MetadataBackend.Redis));
        var recorder = registry.Recorder(RegistryStages.Stage2);
        var jobId = Samples.NewJobId();
        await recorder.JobStartedAsync(jobId, "b", 2, CancellationToken.None);
        await recorder.DocumentsWrittenAsync(Samples.Documents(jobId, 2), CancellationToken.None);
        await recorder.DocumentsWrittenAsync(Samples.Documents(jobId, 2), CancellationToken.None);
        await recorder.StorylinesAssignedAsync([new StorylineAssignment("doc-1-ev1", "doc-1", jobId, "sl-1")], CancellationToken.None);
        await recorder.EventsWrittenAsync([Samples.Event(jobId, "doc-1", 1)], CancellationToken.None);
        await recorder.JobFinishedAsync(jobId, null, CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(Patience, CancellationToken.None));
        var reader = registry.Reader;

        Assert.Equal(JobStatuses.Completed, (await reader.GetJobAsync(jobId, RegistryStages.Stage2, CancellationToken.None))?.Status);
        Assert.Equal(2, (await reader.DocumentsOfJobAsync(jobId, 10, CancellationToken.None)).Count);
        var ev = Assert.Single(await reader.ListEventsAsync(new EventQuery(StorylineId: "sl-1"), CancellationToken.None));
        Assert.Equal(("conflict", "sl-1"), (ev.EventType, ev.StorylineId));
        Assert.Equal(jobId, Assert.Single(await reader.ListJobsAsync(new JobQuery(Status: JobStatuses.Completed), CancellationToken.None)).JobId);
        Assert.Equal(["START", "COMPLETE"], (await reader.RunsAsync(jobId, CancellationToken.None)).Select(r => r.EventType));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var options in _databases)
        {
            if (options.PrimaryBackend == MetadataBackend.Postgresql)
            {
                await PostgresDatabases.DropIfExistsAsync(options.ToPostgresOptions(), CancellationToken.None);
            }

            Directory.Delete(options.OutboxDir, recursive: true);
        }
    }

    private MetadataRegistry Start(MetadataRegistryOptions options)
    {
        _databases.Add(options);
        return MetadataRegistry.Start(options, RegistryTestOptions.Redis, NullLoggerFactory.Instance);
    }

    private static async Task<long> CountAsync(MetadataRegistryOptions options, string table)
    {
        await using var connection = new NpgsqlConnection(options.ToPostgresOptions().BuildConnectionString());
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM registry.{table}", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
