using Microsoft.AspNetCore.Builder;
using Storytelling.Stage1.Api;
using Storytelling.Stage1.Tests.Jobs;

namespace Storytelling.Stage1.Tests.Api;

/// <summary>
/// One Stage 1 runtime against the real servers (<see cref="Stage1Harness"/>) with a cleaning worker running in this
/// process, shared by a test class; each test starts its own API host over it on a free port of 127.0.0.1.
/// </summary>
public sealed class Stage1ApiFixture : IAsyncLifetime
{
    private Stage1Harness? _harness;

    public Stage1Harness Harness => _harness ?? throw new InvalidOperationException("the fixture is not initialised");

    public async Task InitializeAsync()
    {
        _harness = await Stage1Harness.StartAsync();
        _harness.StartWorker();
    }

    /// <summary>Starts the API with <paramref name="configure"/> applied to options listening on port 0.</summary>
    public async Task<RunningApi> StartApiAsync(Action<Stage1ApiOptions>? configure = null)
    {
        var options = new Stage1ApiOptions { Urls = "http://127.0.0.1:0" };
        configure?.Invoke(options);
        var app = Stage1Api.Build(Harness.Runtime, options);
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
        return new RunningApi(app, client);
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}

/// <summary>A started API host and a client aimed at it; disposing stops both (the runtime stays with the fixture).</summary>
public sealed class RunningApi(WebApplication app, HttpClient client) : IAsyncDisposable
{
    public HttpClient Client { get; } = client;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
