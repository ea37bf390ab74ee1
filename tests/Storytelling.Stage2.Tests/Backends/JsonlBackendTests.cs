using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Stage2.Backends;
using Storytelling.Stage2.Triggering;
using Storytelling.Stage2.Workers;

namespace Storytelling.Stage2.Tests.Backends;

/// <summary>The JSONL backend's job files, written from PostgreSQL when Stage 2's job completes.</summary>
public sealed class JsonlBackendTests
{
    [Fact]
    public async Task A_completed_job_has_documents_and_events_files_matching_postgresql_in_line_order()
    {
        await using var harness = await Stage2Harness.StartWithAsync(o => o.ProgressiveSave = true);
        harness.StartServices();

        var job = await harness.SubmitAsync(Enumerable.Range(1, 4).Select(n => Stage2Harness.Article(n)).Prepend("{ not json"));
        var completed = (await harness.WaitForNlpJobAsync(job.Id))[^1];

        var files = completed.Data!.Value.GetProperty("output_files");
        var directory = Path.Combine(harness.Stage2.Settings.Stage2.OutputDir, job.Id);
        Assert.Equal(Path.Combine(directory, "documents.jsonl"), files.GetProperty("documents").GetString());
        Assert.Equal(Path.Combine(directory, "events.jsonl"), files.GetProperty("events").GetString());

        var documents = (await File.ReadAllLinesAsync(files.GetProperty("documents").GetString()!)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["doc-1", "doc-2", "doc-3", "doc-4"], documents.Select(d => d.GetProperty("id").GetString()));
        var stored = await StoredAnnotationsAsync(harness, job.Id);
        Assert.Equal(stored.Count, documents.Count);
        Assert.All(documents.Zip(stored), pair => Assert.True(JsonElement.DeepEquals(pair.First, pair.Second), "a documents.jsonl line differs from the stored annotations"));
        foreach (var document in documents)
        {
            var stage1 = await harness.Stage1.Store.GetDocumentAsync(job.Id, document.GetProperty("id").GetString()!, CancellationToken.None);
            Assert.Equal(stage1!.Text, document.GetProperty("text").GetString());
            Assert.NotEqual(0, document.GetProperty("sentences").GetArrayLength());
        }

        var events = (await File.ReadAllLinesAsync(files.GetProperty("events").GetString()!)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var storedEvents = await harness.Stage2.Store.ReadEventsAsync(job.Id, CancellationToken.None);
        Assert.Equal(storedEvents.Select(e => e.GetProperty("id").GetString()), events.Select(e => e.GetProperty("id").GetString()));
        Assert.All(events, e => Assert.True(e.TryGetProperty("cluster_id", out _) && e.TryGetProperty("storyline_id", out _), "an events.jsonl line lacks cluster_id/storyline_id"));
        Assert.All(events.Zip(storedEvents), pair => Assert.All(pair.Second.EnumerateObject(), stored =>
            Assert.True(JsonElement.DeepEquals(stored.Value, pair.First.GetProperty(stored.Name)), $"events.jsonl {stored.Name} differs from the stored event's")));

        // The progressive files are superseded by the final ones.
        Assert.False(File.Exists(Path.Combine(directory, JsonlBackend.PartialDocumentsFile)));
        Assert.False(File.Exists(Path.Combine(directory, JsonlBackend.PartialEventsFile)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_document_processed_again_after_its_job_completed_is_one_row_and_one_line_in_rewritten_files_and_a_repeated_completion_rewrites_the_same_files(bool progressiveSave)
    {
        await using var harness = await Stage2Harness.StartWithAsync(o => o.ProgressiveSave = progressiveSave);
        harness.StartServices();
        var job = await harness.SubmitAsync(Enumerable.Range(1, 3).Select(n => Stage2Harness.Article(n)));
        var announcements = await harness.WaitForNlpJobAsync(job.Id);
        var directory = Path.Combine(harness.Stage2.Settings.Stage2.OutputDir, job.Id);
        var documentsFile = Path.Combine(directory, JsonlBackend.DocumentsFile);
        var before = await File.ReadAllBytesAsync(documentsFile);
        var eventsBefore = await File.ReadAllBytesAsync(Path.Combine(directory, JsonlBackend.EventsFile));
        var second = announcements.First(e => e.Type == EventTypes.DocumentProcessed && e.Subject == "doc-2").Data!.Value;
        var item = new NlpWorkItem(job.Id, second.GetProperty("line").GetInt64(), "doc-2", job.BatchId);

        // The same work item handled again (a redelivery after a worker died between saving and acknowledging), with
        // the job's documents file gone: re-processing a document of a completed job writes the job's files again.
        File.Delete(documentsFile);
        await HandleAgainAsync(harness, item);
        Assert.Equal(before, await File.ReadAllBytesAsync(documentsFile));

        Assert.Equal(1L, await ScalarAsync(harness, "SELECT count(*) FROM stage2.documents WHERE job_id = @job AND document_id = 'doc-2'", job.Id));
        Assert.Equal(eventsBefore.Count(b => b == '\n'), await ScalarAsync(harness, "SELECT count(*) FROM stage2.events WHERE job_id = @job", job.Id));
        // The document's progressive append went into the rewritten files; no partial file is left behind.
        Assert.False(File.Exists(Path.Combine(directory, JsonlBackend.PartialDocumentsFile)), $"progressive_save {progressiveSave} left a partial file");

        var written = await harness.Stage2.Backends.CompleteJobAsync(job.Id, CancellationToken.None);

        Assert.Equal(documentsFile, written["documents"]);
        Assert.Equal(before, await File.ReadAllBytesAsync(documentsFile));
        Assert.Equal(eventsBefore, await File.ReadAllBytesAsync(Path.Combine(directory, JsonlBackend.EventsFile)));
        Assert.Single(await File.ReadAllLinesAsync(documentsFile), l => l.Contains("\"id\":\"doc-2\"", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    private static async Task HandleAgainAsync(Stage2Harness harness, NlpWorkItem item)
    {
        var runtime = harness.Stage2;
        using var worker = new NlpWorker(
            runtime.Input, runtime.Store, runtime.Backends, runtime.Settings.Pipeline.Value, runtime.Completion, runtime.Settings.Stage2, 3,
            NullLogger<NlpWorker>.Instance, TimeProvider.System);
        var workEvent = item.ToEvent(TraceContext.CreateNew(), TimeProvider.System);
        await worker.HandleAsync(new EventContext(workEvent, runtime.Settings.Stage2.WorkStream, "0-1", 2, CancellationToken.None));
    }

    private static async Task<List<JsonElement>> StoredAnnotationsAsync(Stage2Harness harness, string jobId)
    {
        await using var command = harness.Stage2.DataSource.CreateCommand("SELECT annotations::text FROM stage2.documents WHERE job_id = @job ORDER BY line");
        command.Parameters.Add(new NpgsqlParameter<string>("job", jobId));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<JsonElement>();
        while (await reader.ReadAsync())
        {
            rows.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(Stage2Harness harness, string sql, string jobId)
    {
        await using var command = harness.Stage2.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string>("job", jobId));
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
