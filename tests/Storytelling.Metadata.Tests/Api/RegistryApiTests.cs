using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.Metadata.Api;
using Storytelling.Storage;
using Storytelling.Testing;

namespace Storytelling.Metadata.Tests.Api;

/// <summary>The registry's read API through a real Kestrel on a free port, over a registry with known rows in this class's own database.</summary>
public sealed class RegistryApiTests : IAsyncLifetime, IDisposable
{
    private const string Key = "registry-test-key";
    private readonly MetadataRegistryOptions _options = RegistryTestOptions.SharedServer();
    private KnownRegistry _known = null!;
    private MetadataReader _reader = null!;
    private WebApplication _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _known = await KnownRegistry.WriteAsync(_options);
        _reader = MetadataReader.Open(_options, RegistryTestOptions.Redis, NullLoggerFactory.Instance);
        var urls = $"http://127.0.0.1:{FreePorts.Next()}";
        _api = RegistryApi.Build(_reader, new RegistryApiOptions { Urls = urls, ApiKey = Key });
        await _api.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(urls) };
        _http.DefaultRequestHeaders.Add("X-API-Key", Key);
    }

    public void Dispose() => _http.Dispose();

    public async Task DisposeAsync()
    {
        await _api.StopAsync();
        await _api.DisposeAsync();
        await _reader.DisposeAsync();
        await PostgresDatabases.DropIfExistsAsync(_options.ToPostgresOptions(), CancellationToken.None);
        Directory.Delete(_options.OutboxDir, recursive: true);
    }

    [Fact]
    public async Task Jobs_are_listed_by_stage_and_status_and_read_by_id()
    {
        var stage2 = await GetJsonAsync("/v1/registry/jobs?stage=stage2");
        var failed = await GetJsonAsync("/v1/registry/jobs?status=failed&since=2020-01-01");
        var job = await GetJsonAsync($"/v1/registry/jobs/{_known.Done}");

        Assert.Equal(new[] { _known.Done, _known.Running }.Order(StringComparer.Ordinal), Ids(stage2, "jobs", "job_id").Order(StringComparer.Ordinal));
        var failure = Assert.Single(failed.GetProperty("jobs").EnumerateArray());
        Assert.Equal((_known.Failed, "stage1", "input unreadable at line 3"), (failure.GetProperty("job_id").GetString(), failure.GetProperty("stage").GetString(), failure.GetProperty("error_message").GetString()));
        Assert.Equal(["stage1", "stage2"], Ids(job, "stages", "stage"));
        Assert.All(job.GetProperty("stages").EnumerateArray(), s => Assert.Equal("completed", s.GetProperty("status").GetString()));
        Assert.Empty((await GetJsonAsync("/v1/registry/jobs?until=2020-01-01")).GetProperty("jobs").EnumerateArray());
    }

    [Fact]
    public async Task Documents_events_lineage_and_openlineage_of_known_rows()
    {
        var documents = await GetJsonAsync($"/v1/registry/jobs/{_known.Done}/documents");
        var conflictsEarly = await GetJsonAsync("/v1/registry/events?type=conflict&from=2026-11-01&to=2026-11-15");
        var ofStoryline = await GetJsonAsync("/v1/registry/events?storyline=sl-1");
        var document = await GetJsonAsync("/v1/registry/lineage/documents/doc-1");
        var storyline = await GetJsonAsync("/v1/registry/lineage/storylines/sl-1");
        var runs = await GetJsonAsync($"/v1/registry/jobs/{_known.Done}/openlineage");

        Assert.Equal(["doc-1", "doc-2"], Ids(documents, "documents", "document_id"));
        Assert.Equal("Council approves plan 1", documents.GetProperty("documents")[0].GetProperty("title").GetString());
        Assert.Equal(["doc-1-ev1"], Ids(conflictsEarly, "events", "event_id"));
        Assert.Equal(["doc-1-ev1", "doc-2-ev1"], Ids(ofStoryline, "events", "event_id"));
        Assert.Equal(["doc-1-ev1", "doc-1-ev2"], Ids(document, "events", "event_id"));
        Assert.Equal(["sl-1"], document.GetProperty("storylines").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["stage1", "stage2"], Ids(document, "jobs", "stage").Order(StringComparer.Ordinal));
        Assert.Equal(["doc-1", "doc-2"], Ids(storyline, "documents", "document_id"));
        Assert.Equal(["START", "COMPLETE", "START", "COMPLETE"], Ids(runs, "run_events", "eventType"));
    }

    [Fact]
    public async Task Bad_parameters_are_400_naming_them_unknown_ids_404_and_a_missing_key_401()
    {
        var (status, statusProblem) = await GetProblemAsync("/v1/registry/jobs?status=finished");
        var (since, sinceProblem) = await GetProblemAsync("/v1/registry/jobs?since=yesterday");
        var (limit, limitProblem) = await GetProblemAsync("/v1/registry/events?limit=5000");
        var (range, rangeProblem) = await GetProblemAsync("/v1/registry/events?from=2026-11-20&to=2026-11-01");
        var (job, jobProblem) = await GetProblemAsync("/v1/registry/jobs/job-unknown");
        var (documents, _) = await GetProblemAsync("/v1/registry/jobs/job-unknown/documents");
        var (lineage, _) = await GetProblemAsync("/v1/registry/lineage/documents/doc-unknown");
        var (storyline, _) = await GetProblemAsync("/v1/registry/lineage/storylines/sl-unknown");
        var (runs, _) = await GetProblemAsync("/v1/registry/jobs/job-unknown/openlineage");
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        using var unauthorized = await anonymous.GetAsync(new Uri("/v1/registry/jobs", UriKind.Relative));
        using var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var openApi = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("query parameter status 'finished'", statusProblem, StringComparison.Ordinal);
        Assert.Contains("running, completed, failed", statusProblem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, since);
        Assert.Contains("query parameter since 'yesterday' is not a date", sinceProblem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, limit);
        Assert.Contains("query parameter limit '5000'", limitProblem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, range);
        Assert.Contains("query parameter from '2026-11-20' is not before query parameter to '2026-11-01'", rangeProblem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, job);
        Assert.Contains("no job 'job-unknown'", jobProblem, StringComparison.Ordinal);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [documents, lineage, storyline, runs]);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.True(checks.GetProperty("registry_primary").GetProperty("healthy").GetBoolean());
        Assert.True(checks.GetProperty("registry_cache").GetProperty("healthy").GetBoolean());
        Assert.Contains("/v1/registry/lineage/storylines/{id}", await openApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_change_is_visible_at_once_through_the_read_api_with_the_cache_on()
    {
        var jobId = Samples.NewJobId();
        // Registered by a process without the cache, so the API's first read misses and fills it.
        var uncached = JsonSerializer.Deserialize<MetadataRegistryOptions>(JsonSerializer.Serialize(_options))!;
        uncached.EnableRedisCache = false;
        await using (var before = MetadataRegistry.Start(uncached, RegistryTestOptions.Redis, NullLoggerFactory.Instance))
        {
            await before.Recorder(RegistryStages.Stage2).JobStartedAsync(jobId, "b", 3, CancellationToken.None);
            Assert.True(await before.WaitForDeliveryAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        }

        var (hits, misses) = (_reader.CacheHits, _reader.CacheMisses);
        var first = await GetJsonAsync($"/v1/registry/jobs/{jobId}");
        Assert.Equal((hits, misses + 2), (_reader.CacheHits, _reader.CacheMisses)); // stage1 and stage2 missed; stage2 was filled from the primary
        var second = await GetJsonAsync($"/v1/registry/jobs/{jobId}");
        Assert.Equal((hits + 1, misses + 3), (_reader.CacheHits, _reader.CacheMisses)); // stage2 hit; stage1 (never recorded) missed again

        await using var registry = MetadataRegistry.Start(_options, RegistryTestOptions.Redis, NullLoggerFactory.Instance);
        await registry.Recorder(RegistryStages.Stage2).JobFinishedAsync(jobId, null, CancellationToken.None);
        Assert.True(await registry.WaitForDeliveryAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        var after = await GetJsonAsync($"/v1/registry/jobs/{jobId}");

        Assert.Equal("running", first.GetProperty("stages")[0].GetProperty("status").GetString());
        Assert.Equal("running", second.GetProperty("stages")[0].GetProperty("status").GetString());
        Assert.Equal("completed", after.GetProperty("stages")[0].GetProperty("status").GetString());
        Assert.Equal(hits + 2, _reader.CacheHits); // the completed status came from the cache, which delivery had overwritten
        using var metrics = await _http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var exported = (await metrics.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains(exported, line => line.StartsWith("metadata_registry_cache_requests_total{", StringComparison.Ordinal) && line.Contains("result=\"hit\"", StringComparison.Ordinal));
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<(HttpStatusCode Status, string Detail)> GetProblemAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString() ?? "");
    }

    private static List<string?> Ids(JsonElement root, string list, string property) =>
        [.. root.GetProperty(list).EnumerateArray().Select(e => e.GetProperty(property).GetString())];
}
