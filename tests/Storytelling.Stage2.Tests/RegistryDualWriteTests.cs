using Npgsql;
using Storytelling.Metadata;
using Storytelling.Metadata.Tests;
using Storytelling.Storage;
using Storytelling.Testing;

namespace Storytelling.Stage2.Tests;

/// <summary>Both stages dual-writing to the metadata registry (docs/registry.md), with the registry up and with it down mid-batch.</summary>
public sealed class RegistryDualWriteTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Both_stages_record_a_job_its_documents_events_and_storylines()
    {
        var options = RegistryTestOptions.SharedServer();
        try
        {
            await using var harness = await Stage2Harness.StartWithRegistryAsync(options);
            harness.StartServices();
            await harness.StartStorylineBuilderAsync();
            var job = await harness.SubmitAsync(Enumerable.Range(1, 6).Select(n => Stage2Harness.Article(n)));
            await harness.WaitForNlpJobAsync(job.Id);
            var stored = await harness.Stage2.Store.ReadEventsAsync(job.Id, CancellationToken.None);
            var reader = harness.Stage2.Registry!.Reader;
            await WaitUntilAsync(async () => (await reader.ListEventsAsync(new EventQuery(Limit: 1000), CancellationToken.None)).Count(e => e.StorylineId is not null) == stored.Count,
                "every event has its storyline in the registry");
            await DeliveredAsync(harness);

            var jobs = await reader.GetJobStagesAsync(job.Id, CancellationToken.None);
            Assert.Equal([(RegistryStages.Stage1, JobStatuses.Completed, 6L), (RegistryStages.Stage2, JobStatuses.Completed, 6L)],
                jobs.Select(j => (j.Stage, j.Status, j.DocumentCount ?? -1)));
            var documents = await reader.DocumentsOfJobAsync(job.Id, 100, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, 6).Select(n => $"doc-{n}").Order(StringComparer.Ordinal), documents.Select(d => d.DocumentId));
            Assert.All(documents, d => Assert.Equal(("Test Wire", "en"), (d.Source, d.Language)));
            var events = await reader.ListEventsAsync(new EventQuery(Limit: 1000), CancellationToken.None);
            Assert.Equal(stored.Select(e => e.GetProperty("id").GetString()).Order(StringComparer.Ordinal), events.Select(e => e.EventId).Order(StringComparer.Ordinal));
            var lineage = await reader.LineageOfDocumentAsync("doc-1", CancellationToken.None);
            Assert.Equal(2, lineage.Jobs.Count);
            Assert.NotEmpty(lineage.Storylines);
            Assert.Equal(["START", "COMPLETE", "START", "COMPLETE"], (await reader.RunsAsync(job.Id, CancellationToken.None)).Select(r => r.EventType));
        }
        finally
        {
            await PostgresDatabases.DropIfExistsAsync(options.ToPostgresOptions(), CancellationToken.None);
        }
    }

    [Fact]
    public async Task With_the_registry_stopped_mid_batch_the_batch_completes_and_every_row_arrives_once_when_it_is_back()
    {
        await using var server = await ThrowawayPostgres.StartAsync();
        var options = RegistryTestOptions.Throwaway(server);
        await using var harness = await Stage2Harness.StartWithRegistryAsync(options);
        harness.StartServices();
        var job = await harness.SubmitAsync(Enumerable.Range(1, 30).Select(n => Stage2Harness.Article(n)));
        await WaitUntilAsync(async () => (await harness.Stage2.Store.GetCountsAsync(job.Id, CancellationToken.None))?.Processed >= 2, "Stage 2 processed its first documents");

        await server.StopAsync();
        var atStop = await harness.Stage2.Store.GetCountsAsync(job.Id, CancellationToken.None);
        await harness.WaitForNlpJobAsync(job.Id);

        Assert.True(atStop!.Processed < 30, $"the registry stopped only after the batch: {atStop}");
        Assert.True(harness.Stage2.Registry!.Pending > 0, "Stage 2's writes made while the registry was down wait in its outbox");
        await server.StartAgainAsync();
        await DeliveredAsync(harness);

        var events = await harness.Stage2.Store.ReadEventsAsync(job.Id, CancellationToken.None);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ToPostgresOptions().BuildConnectionString()) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(30, await CountAsync(connection, "SELECT count(*) FROM registry.document_metadata"));
        Assert.Equal(events.Count, await CountAsync(connection, "SELECT count(*) FROM registry.event_metadata"));
        Assert.Equal(2, await CountAsync(connection, "SELECT count(*) FROM registry.job_registry WHERE status = 'completed' AND document_count = 30"));
        Assert.Equal(4, await CountAsync(connection, "SELECT count(*) FROM registry.run_history"));
    }

    private static async Task DeliveredAsync(Stage2Harness harness)
    {
        Assert.True(await harness.Stage1.Registry!.WaitForDeliveryAsync(Patience, CancellationToken.None), $"Stage 1 still has {harness.Stage1.Registry.Pending} writes waiting");
        Assert.True(await harness.Stage2.Registry!.WaitForDeliveryAsync(Patience, CancellationToken.None), $"Stage 2 still has {harness.Stage2.Registry.Pending} writes waiting");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
