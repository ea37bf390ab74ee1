using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storytelling.Stories;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Storytelling.Stage2.Tests.Api;

/// <summary>The storyline explorer at <c>/</c>, driven in Chromium against an API over a real job's storylines.</summary>
public sealed class ExplorerTests(ExplorerFixture fixture, ITestOutputHelper output) : IClassFixture<ExplorerFixture>
{
    private const string Key = "explorer-test-key";

    [Fact]
    public async Task A_person_searches_and_follows_a_storyline_to_an_event_and_its_document()
    {
        SetDefaultExpectTimeout(30_000);
        var storylines = (await fixture.GetAsync("/v1/storylines?limit=500")).GetProperty("storylines").EnumerateArray().ToList();
        var page = await fixture.OpenPageAsync(fixture.Api);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        var origin = fixture.Api.Address.GetLeftPart(UriPartial.Authority);
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        // The storylines list: every storyline, most recently updated first, with its sizes and dates.
        await page.GotoAsync("/");
        var items = page.Locator("#storylines li a");
        await Expect(items).ToHaveCountAsync(storylines.Count);
        for (var i = 0; i < storylines.Count; i++)
        {
            var s = storylines[i];
            await Expect(items.Nth(i)).ToContainTextAsync(s.GetProperty("title").GetString()!);
            await Expect(items.Nth(i)).ToContainTextAsync($"{s.GetProperty("document_count").GetInt32()} article");
            await Expect(items.Nth(i)).ToContainTextAsync(DateRange(s));
        }

        Report(await Chromium.ScreenshotAsync(page, "storylines"));

        // Search: the document about the embezzlement, with the word marked in its snippet.
        var found = await fixture.GetAsync("/v1/search?q=embezzlement");
        var hitTitle = found.GetProperty("documents")[0].GetProperty("title").GetString()!;
        await page.GetByLabel("Search documents and events").FillAsync("embezzlement");
        await page.GetByLabel("Search documents and events").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("#/search\\?q=embezzlement$"));
        await Expect(page.Locator("#document-hits li").First).ToContainTextAsync(hitTitle);
        await Expect(page.Locator("#document-hits mark").First).ToHaveTextAsync(new Regex("^embezzl", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#event-hits li")).ToHaveCountAsync(found.GetProperty("events").GetArrayLength());
        Report(await Chromium.ScreenshotAsync(page, "search"));

        // The largest storyline: its events as a timeline, days in order.
        var largest = storylines.MaxBy(s => s.GetProperty("event_count").GetInt32());
        var storylineId = largest.GetProperty("id").GetString()!;
        var title = largest.GetProperty("title").GetString()!;
        await page.Locator($"#storylines a[href=\"#/storyline/{storylineId}\"]").ClickAsync();
        await Expect(page.Locator("#view h2")).ToHaveTextAsync(title);
        await Expect(page.Locator("#timeline article.event")).ToHaveCountAsync(largest.GetProperty("event_count").GetInt32());
        var days = (await page.Locator("#timeline h3.date").AllTextContentsAsync()).Select(d => d[..Math.Min(10, d.Length)]).Where(d => d.Length == 10 && d[4] == '-').ToList();
        Assert.True(days.Count > 0, "the timeline shows no dated day");
        Assert.Equal(days.Order(StringComparer.Ordinal), days);
        Report(await Chromium.ScreenshotAsync(page, "storyline"));

        // An event with an agent: its sentence from the stored text, the trigger marked.
        var storyline = await fixture.GetAsync($"/v1/storylines/{storylineId}");
        var events = storyline.GetProperty("events").EnumerateArray().ToList();
        var chosen = events.Find(e => e.GetProperty("who").ValueKind == JsonValueKind.Object) is { ValueKind: JsonValueKind.Object } withAgent ? withAgent : events[0];
        var eventId = chosen.GetProperty("id").GetString()!;
        var documentId = chosen.GetProperty("document_id").GetString()!;
        var trigger = chosen.GetProperty("trigger").GetProperty("text").GetString()!;
        var document = await fixture.GetAsync($"/v1/documents/{documentId}");
        var text = document.GetProperty("text").GetString()!;
        var sentence = document.GetProperty("annotations").GetProperty("sentences")[chosen.GetProperty("sentence").GetInt32()];
        // The card names its article by title.
        await Expect(page.Locator($"article[data-event=\"{eventId}\"] a[href=\"#/document/{documentId}\"]")).ToHaveTextAsync(document.GetProperty("title").GetString()!);
        await page.Locator($"article[data-event=\"{eventId}\"] strong a").ClickAsync();
        await Expect(page.Locator("#event-sentence mark.trigger")).ToHaveTextAsync(trigger);
        await Expect(page.Locator("#event-sentence")).ToHaveTextAsync(text[sentence.GetProperty("start").GetInt32()..sentence.GetProperty("end").GetInt32()]);
        await Expect(page.Locator(".fields")).ToContainTextAsync(eventId);
        Report(await Chromium.ScreenshotAsync(page, "event"));

        // The back button returns to the timeline.
        await page.GoBackAsync();
        await Expect(page.Locator("#view h2")).ToHaveTextAsync(title);

        // The event's document: entities marked by type, the first sentence's dependency arcs drawn.
        await page.Locator($"article[data-event=\"{eventId}\"] a[href=\"#/document/{documentId}\"]").ClickAsync();
        await Expect(page.Locator("#view h2")).ToHaveTextAsync(document.GetProperty("title").GetString()!);
        var entities = document.GetProperty("annotations").GetProperty("entities").EnumerateArray().ToList();
        Assert.NotEmpty(entities);
        await Expect(page.Locator("#document-text mark.entity")).ToHaveCountAsync(entities.Count);
        await Expect(page.Locator($"#document-text mark.{entities[0].GetProperty("type").GetString()}").First).ToHaveTextAsync(entities[0].GetProperty("text").GetString()!);
        var tokens = document.GetProperty("annotations").GetProperty("sentences")[0].GetProperty("tokens").GetArrayLength();
        var firstTree = page.Locator("details.sentence").First.Locator("svg");
        await Expect(firstTree.Locator("path.arc")).ToHaveCountAsync(tokens);
        await Expect(firstTree.Locator("text.word")).ToHaveCountAsync(tokens);
        await Expect(page.Locator("details.sentence svg")).ToHaveCountAsync(document.GetProperty("annotations").GetProperty("sentences").GetArrayLength());
        Report(await Chromium.ScreenshotAsync(page, "document", fullPage: true));

        // Keyboard: a storyline link takes the focus and opens with Enter.
        await items.First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#view h2")).ToHaveTextAsync(storylines[0].GetProperty("title").GetString()!);

        Assert.True(problems.Count == 0, "the page reported errors: " + string.Join(" | ", problems));
        Assert.True(elsewhere.Count == 0, "the page fetched from elsewhere: " + string.Join(" ", elsewhere));
    }

    [Fact]
    public async Task With_an_API_key_set_the_page_asks_for_it_and_works_once_it_is_entered()
    {
        SetDefaultExpectTimeout(30_000);
        await using var api = await RunningApi.StartAsync(fixture.Harness, options => options.ApiKey = Key);
        var page = await fixture.OpenPageAsync(api);

        var answer = await page.GotoAsync("/");
        Assert.Equal(200, answer!.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("API key needed");
        await Expect(page.Locator("#storylines-note")).ToContainTextAsync("Enter the API key");
        Report(await Chromium.ScreenshotAsync(page, "api-key"));

        await page.GetByLabel("API key").FillAsync("not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("does not match");

        await page.GetByLabel("API key").FillAsync(Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Expect(page.Locator("#storylines li a")).ToHaveCountAsync((await fixture.GetAsync("/v1/storylines?limit=500")).GetProperty("storylines").GetArrayLength());
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(page.Locator("#view h2")).ToHaveTextAsync("Storyline explorer");
        await page.Locator("#storylines a").First.ClickAsync();
        await Expect(page.Locator("#timeline article.event").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_page_and_its_files_need_no_key_load_nothing_from_elsewhere_and_an_unknown_file_is_a_404_problem()
    {
        await using var api = await RunningApi.StartAsync(fixture.Harness, options => options.ApiKey = Key);

        using var page = await api.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("://", html, StringComparison.Ordinal);

        using var script = await api.Client.GetAsync("/explorer/explorer.js");
        Assert.Equal((HttpStatusCode.OK, "text/javascript"), (script.StatusCode, script.Content.Headers.ContentType?.MediaType));
        Assert.Equal(StorylineStylesheet.Text, await api.Client.GetStringAsync("/explorer/storylines.css"));

        using var missing = await api.Client.GetAsync("/explorer/missing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("'missing.js'", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var data = await api.Client.GetAsync("/v1/storylines");
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
    }

    /// <summary>How the list shows a storyline's dates: the days its events start and end, or "no dates".</summary>
    private static string DateRange(JsonElement storyline)
    {
        string? Day(string property) => storyline.GetProperty(property).GetString()?[..10];
        return Day("start_at") is null && Day("end_at") is null ? "no dates" : $"{Day("start_at") ?? "?"} to {Day("end_at") ?? "?"}";
    }

    private void Report(string path) => output.WriteLine($"screenshot: {path}");
}
