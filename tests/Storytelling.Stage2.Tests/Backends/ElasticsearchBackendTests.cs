using System.Net;
using System.Text.Json;
using Storytelling.CloudEvents;
using Storytelling.Nlp;
using Storytelling.Stage2.Backends;
using Storytelling.Stage2.Input;
using Storytelling.Stage2.Triggering;

namespace Storytelling.Stage2.Tests.Backends;

/// <summary>
/// The Elasticsearch backend's <c>_bulk</c> requests and how it reads the answers, against a local listener (no
/// Elasticsearch server exists here): the format follows Elasticsearch's bulk API documentation.
/// </summary>
public sealed class ElasticsearchBackendTests
{
    [Fact]
    public async Task Every_analysed_document_is_one_bulk_request_indexing_it_and_its_events_by_id()
    {
        using var elasticsearch = BulkServer.Accepting();
        await using var harness = await Stage2Harness.StartWithAsync(o =>
        {
            o.StorageBackends = ["postgresql", "elasticsearch"];
            o.ElasticsearchUrl = elasticsearch.Url + "cluster";
            o.ElasticsearchIndexPrefix = "news";
            o.ElasticsearchApiKey = "a2V5LWlkOmtleS1zZWNyZXQ=";
        });
        harness.StartServices();

        var job = await harness.SubmitAsync(Enumerable.Range(1, 3).Select(n => Stage2Harness.Article(n)));
        await harness.WaitForNlpJobAsync(job.Id);

        Assert.Equal(3, elasticsearch.Requests.Count);
        var storedEvents = await harness.Stage2.Store.ReadEventsAsync(job.Id, CancellationToken.None);
        foreach (var request in elasticsearch.Requests)
        {
            Assert.Equal(("POST", "/cluster/_bulk"), (request.Method, request.Path));
            Assert.Equal("application/x-ndjson", request.ContentType);
            Assert.Equal("ApiKey a2V5LWlkOmtleS1zZWNyZXQ=", request.Authorization);
            Assert.EndsWith("\n", request.Body, StringComparison.Ordinal);
            var lines = request.Body[..^1].Split('\n');
            Assert.True(lines.Length >= 4 && lines.Length % 2 == 0, $"expected action/source pairs for a document and its events, got {lines.Length} lines");

            var source = JsonDocument.Parse(lines[1]).RootElement;
            var documentId = source.GetProperty("document_id").GetString()!;
            Assert.Equal($$$"""{"index":{"_index":"news-documents","_id":"{{{documentId}}}"}}""", lines[0]);
            var stage1 = await harness.Stage1.Store.GetDocumentAsync(job.Id, documentId, CancellationToken.None);
            Assert.Equal(stage1!.Text, source.GetProperty("text").GetString());
            Assert.Equal(stage1.Title, source.GetProperty("title").GetString());
            Assert.NotEqual(0, source.GetProperty("entities").GetArrayLength());

            var expectedEvents = storedEvents.Where(e => e.GetProperty("document_id").GetString() == documentId).ToList();
            Assert.Equal(expectedEvents.Count, (lines.Length / 2) - 1);
            for (var i = 0; i < expectedEvents.Count; i++)
            {
                var eventId = expectedEvents[i].GetProperty("id").GetString();
                Assert.Equal($$$"""{"index":{"_index":"news-events","_id":"{{{eventId}}}"}}""", lines[2 + (2 * i)]);
                Assert.True(JsonElement.DeepEquals(expectedEvents[i], JsonDocument.Parse(lines[3 + (2 * i)]).RootElement), $"event {eventId} differs from the stored one");
            }
        }

        Assert.Empty(await harness.Stage2.Store.ReadBackendFailuresAsync(job.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Items_not_indexed_and_http_errors_are_recorded_per_document_while_the_job_completes()
    {
        using var elasticsearch = new BulkServer(request => Task.FromResult(
            request.Body.Contains("\"_id\":\"doc-2\"", StringComparison.Ordinal)
                ? (200, """
                        {"took":5,"errors":true,"items":[
                          {"index":{"_index":"storytelling-documents","_id":"doc-2","status":400,
                            "error":{"type":"mapper_parsing_exception","reason":"failed to parse field [published_at] of type [date]"}}},
                          {"index":{"_index":"storytelling-events","_id":"ev-1","_version":1,"result":"created","status":201}}]}
                        """)
                : request.Body.Contains("\"_id\":\"doc-3\"", StringComparison.Ordinal)
                    ? (503, """{"error":{"type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/2/no master]"},"status":503}""")
                    : (200, """{"took":1,"errors":false,"items":[]}""")));
        await using var harness = await Stage2Harness.StartWithAsync(o =>
        {
            o.StorageBackends = ["postgresql", "elasticsearch"];
            o.ElasticsearchUrl = elasticsearch.Url.ToString();
        });
        harness.StartServices();

        var job = await harness.SubmitAsync(Enumerable.Range(1, 3).Select(n => Stage2Harness.Article(n)));
        var announcements = await harness.WaitForNlpJobAsync(job.Id);

        Assert.Equal(3, announcements.Count(e => e.Type == EventTypes.DocumentProcessed));
        var failures = (await harness.Stage2.Store.ReadBackendFailuresAsync(job.Id, CancellationToken.None)).OrderBy(f => f.DocumentId).ToList();
        Assert.Equal(["doc-2", "doc-3"], failures.Select(f => f.DocumentId));
        Assert.All(failures, f => Assert.Equal("elasticsearch", f.Backend));
        Assert.Contains("storytelling-documents/doc-2: 400 mapper_parsing_exception: failed to parse field [published_at]", failures[0].Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ev-1", failures[0].Error, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", failures[1].Error, StringComparison.Ordinal);
        Assert.Contains("cluster_block_exception", failures[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_request_not_answered_in_time_fails_with_a_timeout_naming_the_url()
    {
        using var elasticsearch = new BulkServer(async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            return (200, """{"errors":false,"items":[]}""");
        });
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var backend = new ElasticsearchBackend(http, elasticsearch.Url, "news", "", TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => backend.WriteAsync(Analysed("doc-9"), CancellationToken.None));

        Assert.Contains($"POST {elasticsearch.Url}_bulk", error.Message, StringComparison.Ordinal);
        // The listener records the request once it has read it, which on a loaded machine can come after the client gave up.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (elasticsearch.Requests.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Null(Assert.Single(elasticsearch.Requests).Authorization);
    }

    [Fact]
    public async Task An_answer_that_is_not_a_bulk_response_is_a_failure()
    {
        using var elasticsearch = new BulkServer(_ => Task.FromResult((200, """{"acknowledged":true}""")));
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var backend = new ElasticsearchBackend(http, elasticsearch.Url, "news", "", TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => backend.WriteAsync(Analysed("doc-9"), CancellationToken.None));

        Assert.Contains("no boolean 'errors'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_is_down_is_a_failure_naming_the_url()
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var url = new Uri($"http://127.0.0.1:{BulkServer.FreePort()}/");
        var backend = new ElasticsearchBackend(http, url, "news", "", TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => backend.WriteAsync(Analysed("doc-9"), CancellationToken.None));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
    }

    private static AnalysedDocument Analysed(string id)
    {
        var item = new NlpWorkItem("job-1", 1, id, "batch");
        var document = new Document("The council approved the plan.", id);
        return new AnalysedDocument(item, new Stage1Document(id, "job-1", 1, "batch", "Plan", document.Text, "en", null), document, "{}", [], DateTimeOffset.UnixEpoch);
    }
}
