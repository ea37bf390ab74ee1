using Microsoft.Playwright;

namespace Storytelling.Stage2.Tests.Api;

/// <summary>
/// Debian's Chromium driven by Playwright's driver from the NuGet package: no browser download, ever. A missing
/// Chromium fails the test with what to do, rather than skipping it.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: the storyline explorer's browser tests drive Debian's chromium. Run the README's test command " +
                "(bash scripts/test.sh), which installs it with apt-get when it is missing, or install it yourself: apt-get install chromium.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Args = Arguments,
                Headless = true,
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Saves a screenshot as <c>artifacts/screenshots/explorer-NAME.png</c> under the repository root and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Storytelling.slnx")))
        {
            root = root.Parent;
        }

        var folder = Path.Combine(root?.FullName ?? throw new DirectoryNotFoundException($"no Storytelling.slnx above {AppContext.BaseDirectory}"), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"explorer-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }
}
