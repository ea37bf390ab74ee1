using System.Text.Json;
using Storytelling.CloudEvents;

namespace Storytelling.Stage2.Tests;

/// <summary>Distributed storylines: the sample corpus through Stage 1 and Stage 2, then the storyline builder, stopped and restarted.</summary>
public sealed class StorylineBuilderTests
{
    [Fact]
    public async Task The_builder_puts_every_document_in_one_storyline_announces_each_version_once_and_continues_after_a_restart()
    {
        await using var harness = await Stage2Harness.StartAsync(batchMode: true);
        harness.StartServices();
        var sample = File.ReadAllLines(Stage2Harness.RepositoryFile("samples/articles.jsonl")).Where(l => l.Length > 0).ToList();
        var first = await harness.SubmitAsync(sample.Take(30));
        await harness.WaitForNlpJobAsync(first.Id);

        var builder = await harness.StartStorylineBuilderAsync();
        await WaitForLogAsync(harness, 30);
        await harness.StopAsync(builder);
        var before = await StorylinesAsync(harness);

        // A restarted builder rebuilds its engine from the log and goes on with the same storylines.
        builder = await harness.StartStorylineBuilderAsync();
        var second = await harness.SubmitAsync(sample.Skip(30));
        await harness.WaitForNlpJobAsync(second.Id);
        await WaitForLogAsync(harness, sample.Count);
        await harness.StopAsync(builder);
        var after = await StorylinesAsync(harness);

        var documents = after.Values.SelectMany(s => s.Documents).ToList();
        Assert.Equal(sample.Count, documents.Count);
        Assert.Equal(sample.Count, documents.Distinct(StringComparer.Ordinal).Count());
        foreach (var (id, old) in before)
        {
            // Storylines only grow: a storyline of the first job keeps its id and every document it had.
            Assert.True(after.TryGetValue(id, out var now), $"storyline {id} disappeared after the restart");
            Assert.Subset(now.Documents.ToHashSet(), old.Documents.ToHashSet());
            Assert.True(now.Version >= old.Version);
        }

        var expected = JsonDocument.Parse(File.ReadAllText(Stage2Harness.RepositoryFile("samples/stories.json"))).RootElement
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var peru = after.Values.Where(s => s.Documents.Any(d => expected[d] == "quake-peru")).Select(s => s.Id).ToHashSet();
        var greece = after.Values.Where(s => s.Documents.Any(d => expected[d] == "quake-greece")).Select(s => s.Id).ToHashSet();
        Assert.Empty(peru.Intersect(greece));

        var updates = (await Stage2Harness.AnnouncementsAsync(harness.Stage2.Redis, harness.Stage2.Settings.Stage2.EventStream))
            .Where(e => e.Type == EventTypes.StorylineUpdated).ToList();
        Assert.Equal(updates.Count, updates.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(after, s => Assert.Contains(updates, u => u.Id == $"{s.Key}:v{s.Value.Version}"));
        await using var unassigned = harness.Stage2.DataSource.CreateCommand("SELECT count(*) FROM stage2.events WHERE storyline_id IS NULL OR cluster_id IS NULL");
        Assert.Equal(0L, await unassigned.ExecuteScalarAsync());
    }

    private static async Task WaitForLogAsync(Stage2Harness harness, int documents)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            await using var command = harness.Stage2.DataSource.CreateCommand("SELECT count(*) FROM stage2.story_log");
            var logged = (long)(await command.ExecuteScalarAsync())!;
            if (logged >= documents)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the storyline builder has taken {logged} of {documents} documents");
            await Task.Delay(100);
        }
    }

    private static async Task<Dictionary<string, (string Id, int Version, List<string> Documents)>> StorylinesAsync(Stage2Harness harness)
    {
        await using var command = harness.Stage2.DataSource.CreateCommand("SELECT id, version, document_ids::text FROM stage2.storylines");
        await using var reader = await command.ExecuteReaderAsync();
        var storylines = new Dictionary<string, (string, int, List<string>)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            storylines[reader.GetString(0)] = (reader.GetString(0), reader.GetInt32(1), JsonSerializer.Deserialize<List<string>>(reader.GetString(2))!);
        }

        return storylines;
    }
}
