using System.Text.Json;
using Microsoft.Playwright;

namespace Storytelling.Stage2.Tests.Api;

/// <summary>
/// Chromium, and the first twelve sample articles taken through a real Stage 1 → Stage 2 job with the storyline builder
/// running until every document is in a storyline; an open API (no key) over them. Shared by a test class.
/// </summary>
public sealed class ExplorerFixture : IAsyncLifetime
{
    public const int Articles = 12;

    private Stage2Harness? _harness;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private RunningApi? _api;

    public Stage2Harness Harness => _harness ?? throw new InvalidOperationException("the fixture is not initialised");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the fixture is not initialised");

    /// <summary>The API without a key, over the analysed job.</summary>
    public RunningApi Api => _api ?? throw new InvalidOperationException("the fixture is not initialised");

    public async Task InitializeAsync()
    {
        (_playwright, _browser) = await Chromium.LaunchAsync();
        _harness = await Stage2Harness.StartAsync(batchMode: true);
        _harness.StartServices();
        var sample = File.ReadAllLines(Stage2Harness.RepositoryFile("samples/articles.jsonl")).Where(l => l.Length > 0).Take(Articles);
        var job = await _harness.SubmitAsync(sample);
        await _harness.WaitForNlpJobAsync(job.Id);
        await _harness.StartStorylineBuilderAsync();
        _api = await RunningApi.StartAsync(_harness);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var placed = (await GetAsync("/v1/storylines?limit=500")).GetProperty("storylines").EnumerateArray().Sum(s => s.GetProperty("document_count").GetInt32());
            if (placed == Articles)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the storylines hold {placed} of {Articles} documents");
            await Task.Delay(200);
        }
    }

    /// <summary>A page in a fresh browser context (its own session storage) aimed at <paramref name="api"/>.</summary>
    public async Task<IPage> OpenPageAsync(RunningApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = api.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task<JsonElement> GetAsync(string url)
    {
        using var response = await Api.Client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
