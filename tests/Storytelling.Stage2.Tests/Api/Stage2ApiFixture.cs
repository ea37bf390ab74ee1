using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Storytelling.Stage2.Api;

namespace Storytelling.Stage2.Tests.Api;

/// <summary>
/// Stage 1 and Stage 2 against the real servers (<see cref="Stage2Harness"/>) with the cleaning worker, the event
/// consumer and an NLP worker running, and one Stage 1 → Stage 2 job already analysed; shared by a test class. Each
/// test starts its own API host over it on a free port of 127.0.0.1.
/// </summary>
public sealed class Stage2ApiFixture : IAsyncLifetime
{
    /// <summary>The one article of the job that mentions a lighthouse (the others are council stories).</summary>
    public const string LighthouseId = "lighthouse";

    private Stage2Harness? _harness;

    public Stage2Harness Harness => _harness ?? throw new InvalidOperationException("the fixture is not initialised");

    /// <summary>The analysed job: <see cref="Stage2Harness.Article"/> 1-4 (<c>doc-1</c> .. <c>doc-4</c>) and <see cref="LighthouseId"/>.</summary>
    public string JobId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _harness = await Stage2Harness.StartAsync(batchMode: true);
        _harness.StartServices();
        var job = await _harness.SubmitAsync([.. Enumerable.Range(1, 4).Select(n => Stage2Harness.Article(n)), Lighthouse()]);
        await _harness.WaitForNlpJobAsync(job.Id);
        JobId = job.Id;
    }

    /// <summary>Starts the API with <paramref name="configure"/> applied to options listening on port 0.</summary>
    public Task<RunningApi> StartApiAsync(Action<Stage2ApiOptions>? configure = null) => RunningApi.StartAsync(Harness, configure);

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    private static string Lighthouse() => JsonSerializer.Serialize(new
    {
        id = LighthouseId,
        title = "Volunteers reopen the old lighthouse",
        content = "Volunteers reopened the old lighthouse at Carrick Point on Saturday after a two-year restoration paid for by local donations. " +
            "The keeper's cottage now houses a small museum about the shipwrecks along the coast. " +
            "The harbour master said the lamp would be lit again every evening during the summer months.",
        published_at = "2026-11-14T10:00:00+00:00",
        source = "Test Wire",
    });
}

/// <summary>A started API host and a client aimed at it; disposing stops both (the runtimes stay with the fixture).</summary>
public sealed class RunningApi(WebApplication app, HttpClient client) : IAsyncDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>Where the API listens (<c>http://127.0.0.1:PORT</c>).</summary>
    public Uri Address => Client.BaseAddress!;

    /// <summary>Starts the API over <paramref name="harness"/> with <paramref name="configure"/> applied to options listening on port 0.</summary>
    public static async Task<RunningApi> StartAsync(Stage2Harness harness, Action<Stage2ApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var options = new Stage2ApiOptions { Urls = "http://127.0.0.1:0" };
        configure?.Invoke(options);
        var started = Stage2Api.Build(harness.Stage2, harness.Stage1.Submitter, options);
        await started.StartAsync();
        return new RunningApi(started, new HttpClient { BaseAddress = new Uri(started.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
