using Npgsql;
using Storytelling.CloudEvents;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;

namespace Storytelling.Stage2.Tests.Input;

/// <summary><c>stage2.input_source</c>: Stage 1's PostgreSQL or its job files give Stage 2 the same documents.</summary>
public sealed class InputSourceTests
{
    [Fact]
    public async Task A_job_read_from_stage1_jsonl_files_is_stored_as_when_read_from_stage1_postgresql()
    {
        var lines = Enumerable.Range(1, 4).Select(n => Stage2Harness.Article(n)).Prepend("{ not json").Append(Stage2Harness.Article(9)).ToList();

        var fromPostgres = await RunAsync("postgresql", lines);
        var fromJsonl = await RunAsync("jsonl", lines);

        Assert.Equal(5, fromJsonl.Documents.Count);
        Assert.Equal(fromPostgres.Documents, fromJsonl.Documents);
        Assert.All(fromJsonl.WorkItemOffsets, offset => Assert.NotNull(offset));
        Assert.All(fromPostgres.WorkItemOffsets, offset => Assert.Null(offset));
    }

    private static async Task<(List<string> Documents, List<long?> WorkItemOffsets)> RunAsync(string inputSource, List<string> lines)
    {
        await using var harness = await Stage2Harness.StartWithAsync(o => o.InputSource = inputSource);
        harness.StartServices();
        var job = await harness.SubmitAsync(lines);
        await harness.WaitForNlpJobAsync(job.Id);

        await using var command = harness.Stage2.DataSource.CreateCommand(
            """
            SELECT concat_ws(' | ', line, document_id, title, language, published_at, token_count, sentence_count, entity_count, event_count, md5(text), md5(annotations::text))
            FROM stage2.documents WHERE job_id = @job ORDER BY line
            """);
        command.Parameters.Add(new NpgsqlParameter<string>("job", job.Id));
        var documents = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                documents.Add(reader.GetString(0));
            }
        }

        var work = await harness.Stage2.Redis.XRangeAsync(harness.Stage2.Settings.Stage2.WorkStream, StreamId.Min, StreamId.Max);
        var offsets = work.Select(e => CloudEventStreamBinding.FromEntry(e).Event!.Data!.Value)
            .Select(d => d.TryGetProperty("offset", out var offset) ? offset.GetInt64() : (long?)null).ToList();
        Assert.Equal(documents.Count, offsets.Count);
        return (documents, offsets);
    }
}
