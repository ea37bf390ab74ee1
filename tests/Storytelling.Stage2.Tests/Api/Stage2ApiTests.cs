using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Storytelling.Nlp.Events;

namespace Storytelling.Stage2.Tests.Api;

public sealed class Stage2ApiTests(Stage2ApiFixture fixture) : IClassFixture<Stage2ApiFixture>
{
    private static readonly string[] Routes =
    [
        "/v1/jobs/{id}", "/v1/batches", "/v1/documents/{id}", "/v1/events", "/v1/storylines", "/v1/storylines/{id}", "/v1/search", "/v1/analyze",
    ];

    private static readonly HashSet<string?> CouncilDocuments = ["doc-1", "doc-2", "doc-3", "doc-4"];

    [Fact]
    public async Task After_a_stage1_to_stage2_job_the_job_a_document_and_its_events_are_readable()
    {
        await using var api = await fixture.StartApiAsync();

        var job = await GetAsync(api.Client, $"/v1/jobs/{fixture.JobId}");
        Assert.Equal(("completed", "batch"), (job.GetProperty("state").GetString(), job.GetProperty("mode").GetString()));
        var counts = job.GetProperty("counts");
        Assert.Equal((5L, 5L, 0L, 0L), (counts.GetProperty("total").GetInt64(), counts.GetProperty("processed").GetInt64(),
            counts.GetProperty("failed").GetInt64(), counts.GetProperty("remaining").GetInt64()));
        Assert.True(counts.GetProperty("events").GetInt64() >= 5, $"too few events: {counts}");
        Assert.True(counts.GetProperty("tokens").GetInt64() > 200, $"too few tokens: {counts}");
        Assert.Equal(("completed", 5L), (job.GetProperty("stage1").GetProperty("state").GetString(), job.GetProperty("stage1").GetProperty("cleaned").GetInt64()));

        var document = await GetAsync(api.Client, "/v1/documents/doc-3");
        Assert.Equal((fixture.JobId, 3L), (document.GetProperty("job_id").GetString(), document.GetProperty("line").GetInt64()));
        Assert.Equal("Council Carrick approves plan number 3", document.GetProperty("title").GetString());
        var text = document.GetProperty("text").GetString()!;
        Assert.StartsWith("The council of Carrick approved", text, StringComparison.Ordinal);
        Assert.Equal("2026-11-17T08:00:00+00:00", document.GetProperty("published_at").GetString());
        Assert.Equal(4, document.GetProperty("counts").GetProperty("sentences").GetInt32());
        Assert.Equal(4, document.GetProperty("annotations").GetProperty("sentences").GetArrayLength());
        var events = document.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(document.GetProperty("counts").GetProperty("events").GetInt32(), events.Count);
        Assert.Contains(events, e => e.GetProperty("trigger").GetProperty("lemma").GetString() == "arrest");
        Assert.All(events, e =>
        {
            Assert.Equal("doc-3", e.GetProperty("document_id").GetString());
            var trigger = e.GetProperty("trigger");
            Assert.Equal(trigger.GetProperty("text").GetString(), text[trigger.GetProperty("start").GetInt32()..trigger.GetProperty("end").GetInt32()]);
            Assert.True(e.TryGetProperty("cluster_id", out _) && e.TryGetProperty("storyline_id", out _), $"no cluster_id/storyline_id in {e}");
        });

        using var unknownJob = await api.Client.GetAsync("/v1/jobs/job-nope");
        Assert.Contains("no job 'job-nope'", await ProblemAsync(unknownJob, HttpStatusCode.NotFound), StringComparison.Ordinal);
        using var unknownDocument = await api.Client.GetAsync("/v1/documents/doc-nope");
        Assert.Contains("no document 'doc-nope'", await ProblemAsync(unknownDocument, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_are_filtered_by_document_type_entity_and_date_and_paged_with_a_cursor()
    {
        await using var api = await fixture.StartApiAsync();

        var ofDocument = Events(await GetAsync(api.Client, "/v1/events?document=doc-2"));
        Assert.NotEmpty(ofDocument);
        Assert.All(ofDocument, e => Assert.Equal("doc-2", e.GetProperty("document_id").GetString()));
        var document = await GetAsync(api.Client, "/v1/documents/doc-2");
        Assert.Equal(document.GetProperty("counts").GetProperty("events").GetInt32(), ofDocument.Count);

        var arrests = Events(await GetAsync(api.Client, "/v1/events?type=arrest.justice"));
        // Every council article reports arrests (another test's batch may add council articles of its own).
        Assert.Subset(arrests.Select(e => e.GetProperty("document_id").GetString()).ToHashSet(), CouncilDocuments);
        Assert.All(arrests, e => Assert.Equal("arrest.justice", e.GetProperty("type").GetString()));

        var paged = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetAsync(api.Client, "/v1/events?document=doc-2&limit=2" + (cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor)));
            paged.AddRange(Events(page));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 50);
        Assert.Equal(ofDocument.Select(e => e.GetProperty("id").GetString()), paged.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal((ofDocument.Count + 1) / 2, pages);

        var withAgent = ofDocument.First(e => e.GetProperty("who").ValueKind == JsonValueKind.Object);
        var agent = withAgent.GetProperty("who").GetProperty("text").GetString()!;
        var byEntity = Events(await GetAsync(api.Client, $"/v1/events?document=doc-2&entity={Uri.EscapeDataString(agent.ToUpperInvariant())}"));
        Assert.Contains(byEntity, e => e.GetProperty("id").GetString() == withAgent.GetProperty("id").GetString());
        Assert.All(byEntity, e => Assert.Contains(ArgumentTexts(e), t => t.Contains(agent, StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(Events(await GetAsync(api.Client, "/v1/events?entity=nobody-is-called-this")));

        var dated = ofDocument.First(e => e.GetProperty("when").ValueKind == JsonValueKind.Object);
        var day = DateTimeOffset.Parse(dated.GetProperty("when").GetProperty("begin").GetString()!, CultureInfo.InvariantCulture).UtcDateTime.Date;
        string Day(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var thatDay = Events(await GetAsync(api.Client, $"/v1/events?document=doc-2&from={Day(day)}&to={Day(day)}"));
        Assert.Contains(thatDay, e => e.GetProperty("id").GetString() == dated.GetProperty("id").GetString());
        var later = Events(await GetAsync(api.Client, $"/v1/events?document=doc-2&from={Day(day.AddDays(1))}"));
        Assert.DoesNotContain(later, e => e.GetProperty("id").GetString() == dated.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/v1/events?type=arrest", "query parameter type 'arrest' is not an event type: allowed other, conflict.attack,")]
    [InlineData("/v1/events?limit=501", "query parameter limit 501: allowed 1-500")]
    [InlineData("/v1/events?limit=ten", "query parameter limit 'ten' is not a whole number")]
    [InlineData("/v1/events?from=yesterday", "query parameter from 'yesterday' is not a date")]
    [InlineData("/v1/events?from=2026-11-20&to=2026-11-19", "query parameter from '2026-11-20' is after to '2026-11-19'")]
    [InlineData("/v1/events?after=not-a-cursor", "query parameter after is not a cursor of GET /v1/events")]
    [InlineData("/v1/storylines?after=not-a-cursor", "query parameter after is not a cursor of GET /v1/storylines")]
    [InlineData("/v1/search", "query parameter q is required")]
    [InlineData("/v1/search?q=flood&limit=0", "query parameter limit 0: allowed 1-100")]
    public async Task A_bad_query_parameter_is_a_400_problem_naming_it(string url, string detail)
    {
        await using var api = await fixture.StartApiAsync();

        using var response = await api.Client.GetAsync(url);

        Assert.Contains(detail, await ProblemAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_a_document_by_a_word_in_it_and_events_by_their_trigger_with_snippets()
    {
        await using var api = await fixture.StartApiAsync();

        var results = await GetAsync(api.Client, "/v1/search?q=lighthouses");
        var hit = Assert.Single(results.GetProperty("documents").EnumerateArray());
        Assert.Equal((Stage2ApiFixture.LighthouseId, fixture.JobId), (hit.GetProperty("document_id").GetString(), hit.GetProperty("job_id").GetString()));
        Assert.Equal("Volunteers reopen the old lighthouse", hit.GetProperty("title").GetString());
        Assert.Contains("«lighthouse»", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.True(hit.GetProperty("rank").GetDouble() > 0);

        var arrests = await GetAsync(api.Client, "/v1/search?q=arrested");
        var events = arrests.GetProperty("events").EnumerateArray().ToList();
        Assert.Subset(events.Select(e => e.GetProperty("document_id").GetString()).ToHashSet(), CouncilDocuments);
        Assert.All(events, e =>
        {
            Assert.Equal("arrest.justice", e.GetProperty("type").GetString());
            Assert.Contains("«arrested»", e.GetProperty("snippet").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("Residents of district", e.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        });
        Assert.Subset(arrests.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("document_id").GetString()).ToHashSet(), CouncilDocuments);
        Assert.DoesNotContain(arrests.GetProperty("documents").EnumerateArray(), d => d.GetProperty("document_id").GetString() == Stage2ApiFixture.LighthouseId);

        var nothing = await GetAsync(api.Client, "/v1/search?q=submarine");
        Assert.Equal((0, 0), (nothing.GetProperty("documents").GetArrayLength(), nothing.GetProperty("events").GetArrayLength()));
    }

    [Fact]
    public async Task Analyze_returns_tokens_entities_and_events_of_a_sentence()
    {
        await using var api = await fixture.StartApiAsync();

        using var response = await api.Client.PostAsync("/v1/analyze", Json(new
        {
            text = "Police arrested Tom Becker in Linden on Tuesday.",
            published_at = "2026-11-19T08:00:00Z",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var analysis = await JsonAsync(response);
        var tokens = analysis.GetProperty("sentences").EnumerateArray().SelectMany(s => s.GetProperty("tokens").EnumerateArray()).ToList();
        Assert.Equal(["Police", "arrested", "Tom", "Becker", "in", "Linden", "on", "Tuesday", "."], tokens.Select(t => t.GetProperty("text").GetString()));
        Assert.Equal("arrest", tokens[1].GetProperty("lemma").GetString());
        Assert.Equal("VERB", tokens[1].GetProperty("upos").GetString());
        Assert.Contains(analysis.GetProperty("entities").EnumerateArray(), e => e.GetProperty("text").GetString() == "Tom Becker");
        var arrest = Assert.Single(analysis.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "arrest.justice");
        Assert.Equal("2026-11-17", arrest.GetProperty("when").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Analyze_refuses_a_body_it_cannot_use_with_a_problem_saying_why()
    {
        await using var api = await fixture.StartApiAsync(o => o.MaxAnalyzeBytes = 2048);

        using var empty = await api.Client.PostAsync("/v1/analyze", Json(new { text = " " }));
        Assert.Contains("body field text is required", await ProblemAsync(empty, HttpStatusCode.BadRequest), StringComparison.Ordinal);

        using var typo = await api.Client.PostAsync("/v1/analyze", Json(new { txt = "Police arrested two men." }));
        Assert.Contains("txt", await ProblemAsync(typo, HttpStatusCode.BadRequest), StringComparison.Ordinal);

        using var badDate = await api.Client.PostAsync("/v1/analyze", Json(new { text = "Police arrested two men.", published_at = "last week" }));
        Assert.Contains("body field published_at 'last week' is not a date", await ProblemAsync(badDate, HttpStatusCode.BadRequest), StringComparison.Ordinal);

        using var plain = await api.Client.PostAsync("/v1/analyze", new StringContent("Police arrested two men.", Encoding.UTF8, "text/plain"));
        Assert.Contains("Content-Type 'text/plain; charset=utf-8' is not accepted", await ProblemAsync(plain, HttpStatusCode.UnsupportedMediaType), StringComparison.Ordinal);

        using var large = await api.Client.PostAsync("/v1/analyze", Json(new { text = string.Concat(Enumerable.Repeat("Police arrested two men. ", 100)) }));
        Assert.Contains("more than 2048 bytes (stage2.max_analyze_bytes)", await ProblemAsync(large, HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);

        // Without Content-Length the limit is enforced while the body is read.
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text = string.Concat(Enumerable.Repeat("Police arrested two men. ", 110)) }));
        var chunked = new StreamContent(new UnknownLengthStream(body));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var streamed = await api.Client.PostAsync("/v1/analyze", chunked);
        Assert.Null(streamed.RequestMessage!.Content!.Headers.ContentLength);
        Assert.Contains("larger than 2048 bytes (stage2.max_analyze_bytes)", await ProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storylines_are_listed_newest_first_paged_searched_and_read_with_their_events_in_time_order()
    {
        var (older, newer) = ($"story-{Guid.NewGuid():N}", $"story-{Guid.NewGuid():N}");
        var start = new DateTimeOffset(2026, 11, 17, 0, 0, 0, TimeSpan.Zero);
        await InsertStorylineAsync(older, "Lighthouse restoration at Carrick Point", ["lighthouse"], start.AddDays(-3), new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await InsertStorylineAsync(newer, "Flood defence plans and protests", ["doc-1", "doc-4"], start, new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero));
        await using var api = await fixture.StartApiAsync();

        var first = await GetAsync(api.Client, "/v1/storylines?limit=1");
        var top = Assert.Single(first.GetProperty("storylines").EnumerateArray());
        Assert.Equal((newer, "Flood defence plans and protests", 2), (top.GetProperty("id").GetString(), top.GetProperty("title").GetString(), top.GetProperty("document_count").GetInt32()));
        var second = await GetAsync(api.Client, "/v1/storylines?limit=1&after=" + Uri.EscapeDataString(first.GetProperty("next_cursor").GetString()!));
        Assert.Equal(older, Assert.Single(second.GetProperty("storylines").EnumerateArray()).GetProperty("id").GetString());

        var found = await GetAsync(api.Client, "/v1/storylines?q=lighthouses");
        Assert.Equal([older], found.GetProperty("storylines").EnumerateArray().Select(s => s.GetProperty("id").GetString()));

        var storyline = await GetAsync(api.Client, $"/v1/storylines/{newer}");
        Assert.Equal(["doc-1", "doc-4"], storyline.GetProperty("document_ids").EnumerateArray().Select(d => d.GetString()));
        var events = storyline.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["doc-1", "doc-4"], events.Select(e => e.GetProperty("document_id").GetString()).Distinct().Order());
        Assert.All(events, e =>
        {
            Assert.Equal(newer, e.GetProperty("storyline_id").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("trigger").GetProperty("text").GetString()));
        });
        var times = events.Select(e => e.GetProperty("when").ValueKind == JsonValueKind.Object ? e.GetProperty("when").GetProperty("begin").GetString() : null)
            .Select(t => t is null ? DateTimeOffset.MaxValue : DateTimeOffset.Parse(t, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);

        var byStoryline = Events(await GetAsync(api.Client, $"/v1/events?storyline={older}"));
        Assert.NotEmpty(byStoryline);
        Assert.All(byStoryline, e => Assert.Equal(Stage2ApiFixture.LighthouseId, e.GetProperty("document_id").GetString()));
        Assert.Equal(older, (await GetAsync(api.Client, $"/v1/documents/{Stage2ApiFixture.LighthouseId}")).GetProperty("storyline_id").GetString());

        using var unknown = await api.Client.GetAsync("/v1/storylines/story-nope");
        Assert.Contains("no storyline 'story-nope'", await ProblemAsync(unknown, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_posted_as_a_json_array_is_cleaned_by_stage1_and_analysed_by_stage2()
    {
        await using var api = await fixture.StartApiAsync();
        var articles = $"[{Stage2Harness.Article(50, "batch-50")}, {{\"id\": \"no-content\"}}, {Stage2Harness.Article(51, "batch-51")}]";

        using var response = await api.Client.PostAsync("/v1/batches?batch_id=api-batch", new StringContent(articles, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submitted = await JsonAsync(response);
        var jobId = submitted.GetProperty("job_id").GetString()!;
        Assert.Equal($"/v1/jobs/{jobId}", response.Headers.Location!.OriginalString);
        Assert.Equal(("api-batch", 3L, 1L), (submitted.GetProperty("batch_id").GetString(),
            submitted.GetProperty("stage1").GetProperty("submitted").GetInt64(), submitted.GetProperty("stage1").GetProperty("rejected").GetInt64()));

        await fixture.Harness.WaitForNlpJobAsync(jobId);
        var job = await GetAsync(api.Client, response.Headers.Location.OriginalString);
        Assert.Equal(("completed", 2L), (job.GetProperty("state").GetString(), job.GetProperty("counts").GetProperty("processed").GetInt64()));
        Assert.Equal(jobId, (await GetAsync(api.Client, "/v1/documents/batch-51")).GetProperty("job_id").GetString());

        using var jsonl = await api.Client.PostAsync("/v1/batches?batch_id=api-jsonl&concurrency=2",
            new StringContent(Stage2Harness.Article(52, "batch-52") + "\n{ not json\n", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, jsonl.StatusCode);
        var jsonlJob = (await JsonAsync(jsonl)).GetProperty("stage1");
        Assert.Equal((2L, 1L), (jsonlJob.GetProperty("submitted").GetInt64(), jsonlJob.GetProperty("rejected").GetInt64()));

        using var noBatch = await api.Client.PostAsync("/v1/batches", new StringContent(articles, Encoding.UTF8, "application/json"));
        Assert.Contains("query parameter batch_id is required", await ProblemAsync(noBatch, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var notArray = await api.Client.PostAsync("/v1/batches?batch_id=b", Json(new { id = "a1" }));
        Assert.Contains("must be a JSON array of articles", await ProblemAsync(notArray, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_api_key_v1_needs_the_header_while_health_metrics_and_openapi_stay_open()
    {
        await using var api = await fixture.StartApiAsync(o => o.ApiKey = "s3cret-key");

        using var without = await api.Client.GetAsync($"/v1/jobs/{fixture.JobId}");
        Assert.Contains("header X-API-Key is missing", await ProblemAsync(without, HttpStatusCode.Unauthorized), StringComparison.Ordinal);
        using var analyze = await api.Client.PostAsync("/v1/analyze", Json(new { text = "Police arrested two men." }));
        Assert.Equal(HttpStatusCode.Unauthorized, analyze.StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/search?q=lighthouse");
        wrong.Headers.Add("X-API-Key", "s3cret-kez");
        using var wrongResponse = await api.Client.SendAsync(wrong);
        Assert.Contains("header X-API-Key does not match", await ProblemAsync(wrongResponse, HttpStatusCode.Unauthorized), StringComparison.Ordinal);

        using var right = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{fixture.JobId}");
        right.Headers.Add("X-API-Key", "s3cret-key");
        using var rightResponse = await api.Client.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, rightResponse.StatusCode);

        var health = await GetAsync(api.Client, "/health");
        var checks = health.GetProperty("checks");
        Assert.Equal(("healthy", true, true, true, true), (health.GetProperty("status").GetString(),
            checks.GetProperty("postgres").GetProperty("healthy").GetBoolean(), checks.GetProperty("redis").GetProperty("healthy").GetBoolean(),
            checks.GetProperty("stage1_postgres").GetProperty("healthy").GetBoolean(), checks.GetProperty("stage1_redis").GetProperty("healthy").GetBoolean()));
        Assert.Equal("alive", (await GetAsync(api.Client, "/health/live")).GetProperty("status").GetString());
        Assert.Equal("healthy", (await GetAsync(api.Client, "/health/ready")).GetProperty("status").GetString());
        using var metrics = await api.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("http_server_request_duration_seconds", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var document = await GetAsync(api.Client, "/openapi/v1.json");
        Assert.Equal("Storytelling Stage 2 NLP API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("X-API-Key", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("api_key").GetProperty("name").GetString());
    }

    [Fact]
    public async Task OpenAPI_document_lists_every_route_with_the_event_types_and_the_analyze_body()
    {
        await using var api = await fixture.StartApiAsync();

        var document = await GetAsync(api.Client, "/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.All(Routes, route => Assert.True(paths.TryGetProperty(route, out _), $"{route} is not in the OpenAPI document"));
        Assert.True(paths.TryGetProperty("/health", out _));
        var type = paths.GetProperty("/v1/events").GetProperty("get").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "type");
        Assert.Equal(EventTypes.All, type.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        var analyze = paths.GetProperty("/v1/analyze").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.True(analyze.GetProperty("schema").ValueKind == JsonValueKind.Object);
        Assert.True(paths.GetProperty("/v1/batches").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/x-ndjson", out _));
    }

    private async Task InsertStorylineAsync(string id, string title, string[] documentIds, DateTimeOffset start, DateTimeOffset updatedAt)
    {
        await using var connection = await fixture.Harness.Stage2.DataSource.OpenConnectionAsync();
        var eventIds = new List<string>();
        await using (var events = new NpgsqlCommand(
            "UPDATE stage2.events SET storyline_id = @id, cluster_id = 'cluster-' || id WHERE job_id = @job AND document_id = ANY(@documents) RETURNING id", connection))
        {
            events.Parameters.AddWithValue("id", id);
            events.Parameters.AddWithValue("job", fixture.JobId);
            events.Parameters.AddWithValue("documents", documentIds);
            await using var reader = await events.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                eventIds.Add(reader.GetString(0));
            }
        }

        await using var storyline = new NpgsqlCommand(
            """
            INSERT INTO stage2.storylines (id, version, title, start_at, end_at, document_ids, event_ids, document_count, event_count, updated_at)
            VALUES (@id, 1, @title, @start, @start + interval '2 days', @documents::jsonb, @events::jsonb, @document_count, @event_count, @updated);
            INSERT INTO stage2.story_log (job_id, line, document_id, storyline_id, added_at)
            SELECT job_id, line, document_id, @id, @updated FROM stage2.documents WHERE job_id = @job AND document_id = ANY(@document_array)
            """, connection);
        storyline.Parameters.AddWithValue("id", id);
        storyline.Parameters.AddWithValue("title", title);
        storyline.Parameters.AddWithValue("start", start);
        storyline.Parameters.AddWithValue("documents", JsonSerializer.Serialize(documentIds));
        storyline.Parameters.AddWithValue("events", JsonSerializer.Serialize(eventIds));
        storyline.Parameters.AddWithValue("document_count", documentIds.Length);
        storyline.Parameters.AddWithValue("event_count", eventIds.Count);
        storyline.Parameters.AddWithValue("updated", updatedAt);
        storyline.Parameters.AddWithValue("job", fixture.JobId);
        storyline.Parameters.AddWithValue("document_array", documentIds);
        await storyline.ExecuteNonQueryAsync();
    }

    /// <summary>A readable stream that does not tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    private static List<JsonElement> Events(JsonElement page) => [.. page.GetProperty("events").EnumerateArray()];

    private static IEnumerable<string> ArgumentTexts(JsonElement e) =>
        new[] { "who", "whom", "what" }.Select(name => e.GetProperty(name)).Append(e.GetProperty("where"))
            .SelectMany(v => v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : v.ValueKind == JsonValueKind.Object ? [v] : Enumerable.Empty<JsonElement>())
            .Select(v => v.GetProperty("text").GetString()!);

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Asserts an RFC 7807 answer with <paramref name="status"/> and returns its detail.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return problem.GetProperty("detail").GetString()!;
    }
}
