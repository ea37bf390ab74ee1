using System.Text.Json;
using Microsoft.Data.Sqlite;
using Storytelling.CloudEvents;
using Storytelling.Embedded.Output;
using Storytelling.Messaging.InProcess;

namespace Storytelling.Embedded.Tests;

/// <summary>What a user of <c>storytelling run</c> gets from the sample corpus: every output, consistent with each other.</summary>
public sealed class EmbeddedRunTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    [Fact]
    public void Every_sample_article_is_cleaned_analysed_and_placed_in_exactly_one_storyline()
    {
        var articles = SampleRunFixture.ReadLines(run.Input).Select(a => a.GetProperty("id").GetString()!).ToList();
        var cleaned = run.Lines(RunOutputs.Cleaned).Select(d => d.GetProperty("id").GetString()!).ToList();
        var documents = run.Lines(RunOutputs.Documents).Select(d => d.GetProperty("id").GetString()!).ToList();
        var inStorylines = run.Lines(RunOutputs.Storylines).SelectMany(s => s.GetProperty("document_ids").EnumerateArray().Select(d => d.GetString()!)).ToList();

        Assert.Equal(articles, cleaned);
        Assert.Equal(articles, documents);
        Assert.Equal(articles.Order(StringComparer.Ordinal), inStorylines.Order(StringComparer.Ordinal));
        Assert.Empty(run.Lines(RunOutputs.Rejected));
        Assert.Equal(articles.Count, run.Summary.Analysed);
        Assert.Equal(0, run.Summary.Failed);
    }

    [Fact]
    public void The_sample_storylines_follow_its_six_stories_and_keep_the_two_earthquakes_apart()
    {
        var expected = JsonDocument.Parse(File.ReadAllText(EmbeddedRunner.RepositoryFile("samples/stories.json"))).RootElement
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var storylineOf = run.Lines(RunOutputs.Storylines)
            .SelectMany(s => s.GetProperty("document_ids").EnumerateArray().Select(d => (Document: d.GetString()!, Storyline: s.GetProperty("id").GetString()!)))
            .ToDictionary(p => p.Document, p => p.Storyline);

        // B-cubed over documents: for each document, how much of its predicted storyline shares its story, and how much of its story is in its storyline.
        double precision = 0, recall = 0;
        foreach (var (document, story) in expected)
        {
            var predicted = expected.Keys.Where(d => storylineOf[d] == storylineOf[document]).ToList();
            var correct = predicted.Count(d => expected[d] == story);
            precision += (double)correct / predicted.Count;
            recall += (double)correct / expected.Values.Count(s => s == story);
        }

        precision /= expected.Count;
        recall /= expected.Count;
        var f1 = 2 * precision * recall / (precision + recall);
        Assert.True(f1 >= 0.9, $"storyline B3 F1 {f1:F3} (precision {precision:F3}, recall {recall:F3})");
        var peru = expected.Where(p => p.Value == "quake-peru").Select(p => storylineOf[p.Key]).ToHashSet();
        var greece = expected.Where(p => p.Value == "quake-greece").Select(p => storylineOf[p.Key]).ToHashSet();
        Assert.Empty(peru.Intersect(greece));
    }

    [Fact]
    public void The_report_is_one_self_contained_page_holding_every_storyline_and_event()
    {
        var html = File.ReadAllText(Path.Combine(run.OutputDir, ReportWriter.FileName));
        const string open = "<script type=\"application/json\" id=\"data\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        using var data = JsonDocument.Parse(html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)]);

        Assert.Equal(run.Lines(RunOutputs.Storylines).Count, data.RootElement.GetProperty("storylines").GetArrayLength());
        Assert.Equal(run.Lines(RunOutputs.Events).Count, data.RootElement.GetProperty("events").GetArrayLength());
        Assert.All(run.Lines(RunOutputs.Storylines), s => Assert.Contains(
            data.RootElement.GetProperty("storylines").EnumerateArray(), r => r.GetProperty("title").GetString() == s.GetProperty("title").GetString()));
        var firstEvent = data.RootElement.GetProperty("events")[0];
        var sentence = firstEvent.GetProperty("sentence").GetString()!;
        Assert.Equal(firstEvent.GetProperty("trigger").GetString(),
            sentence[firstEvent.GetProperty("trigger_start").GetInt32()..firstEvent.GetProperty("trigger_end").GetInt32()]);
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_syndicated_copy_in_the_sample_is_marked_as_a_near_duplicate_of_its_original()
    {
        var copy = run.Lines(RunOutputs.Cleaned).Single(d => d.GetProperty("id").GetString() == "a04");

        Assert.Equal("near", copy.GetProperty("duplicate_kind").GetString());
        Assert.Equal("a03", copy.GetProperty("duplicate_of").GetString());
    }

    [Fact]
    public void Every_event_points_at_its_trigger_in_its_document_and_names_its_storyline_and_cluster()
    {
        var texts = run.Lines(RunOutputs.Documents).ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("text").GetString()!);
        var storylineOf = run.Lines(RunOutputs.Storylines)
            .SelectMany(s => s.GetProperty("document_ids").EnumerateArray().Select(d => (Document: d.GetString()!, Storyline: s.GetProperty("id").GetString()!)))
            .ToDictionary(p => p.Document, p => p.Storyline);
        var storylineEvents = run.Lines(RunOutputs.Storylines).SelectMany(s => s.GetProperty("event_ids").EnumerateArray().Select(e => e.GetString()!)).ToHashSet();
        var events = run.Lines(RunOutputs.Events);

        Assert.Equal(run.Summary.Events, events.Count);
        foreach (var e in events)
        {
            var documentId = e.GetProperty("document_id").GetString()!;
            var trigger = e.GetProperty("trigger");
            var start = trigger.GetProperty("start").GetInt32();
            var end = trigger.GetProperty("end").GetInt32();
            Assert.Equal(trigger.GetProperty("text").GetString(), texts[documentId][start..end]);
            Assert.Equal(storylineOf[documentId], e.GetProperty("storyline_id").GetString());
            Assert.StartsWith("evc-", e.GetProperty("cluster_id").GetString(), StringComparison.Ordinal);
            Assert.Contains(e.GetProperty("id").GetString()!, storylineEvents);
        }
    }

    [Fact]
    public void The_sqlite_database_holds_what_the_jsonl_files_hold()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(run.OutputDir, "storytelling.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();

        Assert.Equal(run.Lines(RunOutputs.Documents).Count, Count(connection, "documents"));
        Assert.Equal(run.Lines(RunOutputs.Events).Count, Count(connection, "events"));
        Assert.Equal(run.Lines(RunOutputs.Storylines).Count, Count(connection, "storylines"));
        Assert.Equal(run.Summary.Links, Count(connection, "event_links"));
    }

    [Fact]
    public void The_stages_announce_on_the_in_process_streams_with_job_completed_last()
    {
        var cleaning = run.Bus.Read(EmbeddedRun.CleaningStream);
        var nlp = run.Bus.Read(EmbeddedRun.NlpStream);

        Assert.Equal(run.Summary.Cleaned, cleaning.Count(e => e.Type == EventTypes.DocumentCleaned));
        Assert.Equal(EventTypes.CleaningJobCompleted, cleaning[^1].Type);
        Assert.Equal(run.Summary.Analysed, nlp.Count(e => e.Type == EventTypes.DocumentProcessed));
        Assert.Equal(run.Summary.Storylines, nlp.Where(e => e.Type == EventTypes.StorylineUpdated)
            .Select(e => e.Data!.Value.GetProperty("storyline_id").GetString()).Distinct().Count());
        Assert.Equal(EventTypes.NlpJobCompleted, nlp[^1].Type);
        Assert.All(cleaning.Concat(nlp), e => Assert.Empty(e.Validate()));
    }

    [Fact]
    public async Task Running_the_same_input_again_gives_the_same_ids()
    {
        var again = EmbeddedRunner.TemporaryDirectory();
        try
        {
            await EmbeddedRunner.Create(new InProcessEventBus()).RunAsync(run.Input, again, null, CancellationToken.None);

            Assert.Equal(Ids(run.Lines(RunOutputs.Storylines)), Ids(SampleRunFixture.ReadLines(Path.Combine(again, RunOutputs.Storylines))));
            Assert.Equal(Ids(run.Lines(RunOutputs.Events)), Ids(SampleRunFixture.ReadLines(Path.Combine(again, RunOutputs.Events))));
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }

        static List<string> Ids(List<JsonElement> lines) =>
            [.. lines.Select(l => l.GetProperty("id").GetString() + " " + (l.TryGetProperty("cluster_id", out var c) ? c.GetString() : string.Join(',', l.GetProperty("document_ids").EnumerateArray())))];
    }

    private static long Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
