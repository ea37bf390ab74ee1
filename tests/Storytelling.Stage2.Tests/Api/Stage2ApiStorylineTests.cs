using System.Net;
using System.Text.Json;
using Storytelling.Stage2.Api;

namespace Storytelling.Stage2.Tests.Api;

/// <summary>The storylines the real storyline builder writes, read through the NLP API.</summary>
public sealed class Stage2ApiStorylineTests
{
    [Fact]
    public async Task A_jobs_storylines_built_by_the_storyline_builder_are_readable_page_by_page_with_their_events()
    {
        await using var harness = await Stage2Harness.StartAsync(batchMode: true);
        harness.StartServices();
        var sample = File.ReadAllLines(Stage2Harness.RepositoryFile("samples/articles.jsonl")).Where(l => l.Length > 0).Take(12).ToList();
        var job = await harness.SubmitAsync(sample);
        await harness.WaitForNlpJobAsync(job.Id);
        await harness.StartStorylineBuilderAsync();
        await using var app = Stage2Api.Build(harness.Stage2, harness.Stage1.Submitter, new Stage2ApiOptions { Urls = "http://127.0.0.1:0" });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };

        // Page through the storylines (two at a time) until the builder has placed every document of the job.
        List<JsonElement> storylines;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            storylines = [];
            string? cursor = null;
            do
            {
                var page = await GetAsync(client, "/v1/storylines?limit=2" + (cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor)));
                storylines.AddRange(page.GetProperty("storylines").EnumerateArray());
                cursor = page.GetProperty("next_cursor").GetString();
            }
            while (cursor is not null);

            if (storylines.Sum(s => s.GetProperty("document_count").GetInt32()) == sample.Count)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the storylines hold {storylines.Sum(s => s.GetProperty("document_count").GetInt32())} of {sample.Count} documents");
            await Task.Delay(200);
        }

        Assert.Equal(storylines.Count, storylines.Select(s => s.GetProperty("id").GetString()).Distinct().Count());
        var updated = storylines.Select(s => s.GetProperty("updated_at").GetDateTimeOffset()).ToList();
        Assert.Equal(updated.OrderDescending(), updated);

        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var summary in storylines)
        {
            var id = summary.GetProperty("id").GetString()!;
            var storyline = await GetAsync(client, $"/v1/storylines/{Uri.EscapeDataString(id)}");
            var documents = storyline.GetProperty("document_ids").EnumerateArray().Select(d => d.GetString()!).ToList();
            Assert.Equal(summary.GetProperty("document_count").GetInt32(), documents.Count);
            documents.ForEach(d => placed.Add(d, id));
            // Each document with its title and date as stored, in the storyline's order.
            var described = storyline.GetProperty("documents").EnumerateArray().ToList();
            Assert.Equal(documents, described.Select(d => d.GetProperty("document_id").GetString()!));
            Assert.All(described, d => Assert.False(string.IsNullOrEmpty(d.GetProperty("title").GetString()), $"document {d} has no title"));
            var events = storyline.GetProperty("events").EnumerateArray().ToList();
            Assert.Equal(summary.GetProperty("event_count").GetInt32(), events.Count);
            Assert.All(events, e =>
            {
                Assert.Equal(id, e.GetProperty("storyline_id").GetString());
                Assert.False(string.IsNullOrEmpty(e.GetProperty("cluster_id").GetString()), $"event {e.GetProperty("id")} has no cluster");
                Assert.Contains(e.GetProperty("document_id").GetString(), documents);
            });
        }

        Assert.Equal(sample.Count, placed.Count);
        foreach (var (documentId, storylineId) in placed.Take(4))
        {
            Assert.Equal(storylineId, (await GetAsync(client, $"/v1/documents/{Uri.EscapeDataString(documentId)}")).GetProperty("storyline_id").GetString());
        }
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
