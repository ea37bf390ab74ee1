using System.Text.Json;
using Storytelling.Messaging.InProcess;

namespace Storytelling.Embedded.Tests;

/// <summary>One run of the committed sample corpus (samples/articles.jsonl), shared by the tests that read its outputs.</summary>
public sealed class SampleRunFixture : IAsyncLifetime
{
    public InProcessEventBus Bus { get; } = new();

    public string OutputDir { get; } = EmbeddedRunner.TemporaryDirectory();

    public string Input { get; } = EmbeddedRunner.RepositoryFile("samples/articles.jsonl");

    public RunSummary Summary { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Summary = await EmbeddedRunner.Create(Bus).RunAsync(Input, OutputDir, null, CancellationToken.None);

    public Task DisposeAsync()
    {
        Directory.Delete(OutputDir, recursive: true);
        return Task.CompletedTask;
    }

    public List<JsonElement> Lines(string file) => ReadLines(Path.Combine(OutputDir, file));

    public static List<JsonElement> ReadLines(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
