using System.Text.Json;
using Storytelling.Embedded.Output;
using Storytelling.Messaging.InProcess;
using Storytelling.Nlp;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Embedded.Tests;

/// <summary>Bad input and failing documents are kept with their line and reason; the rest of the run goes on.</summary>
public sealed class RejectionTests : IDisposable
{
    private readonly string _directory = EmbeddedRunner.TemporaryDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Bad_records_are_rejected_with_their_line_and_reason_and_the_good_ones_are_processed()
    {
        var good = Article("good-1", "Rescue teams reached the village of Marrow on Tuesday after the river burst its banks. " + Filler);
        var input = WriteInput(
            good,
            "{ this is not json",
            JsonSerializer.Serialize(new { id = "no-content", title = "Nothing here" }),
            Article("good-1", "The same id again, with different text about the harbour strike in Port Avel. " + Filler),
            Article("short", "Too short."),
            Article("good-2", "Dockworkers in Port Avel walked out on Monday in a dispute over night shifts and pay. " + Filler));

        var summary = await EmbeddedRunner.Create(new InProcessEventBus()).RunAsync(input, _directory, null, CancellationToken.None);

        var rejected = SampleRunFixture.ReadLines(Path.Combine(_directory, RunOutputs.Rejected));
        Assert.Equal([2L, 3L, 4L, 5L], rejected.Select(r => r.GetProperty("line").GetInt64()).Order());
        Assert.Contains(rejected, r => r.GetProperty("line").GetInt64() == 4 && r.GetProperty("code").GetString() == EmbeddedRun.DuplicateId);
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString())));
        Assert.Equal(["good-1", "good-2"], SampleRunFixture.ReadLines(Path.Combine(_directory, RunOutputs.Documents)).Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(4, summary.Rejected);
        Assert.Equal(2, summary.Analysed);
    }

    [Fact]
    public async Task A_document_that_fails_in_nlp_on_every_attempt_is_rejected_with_the_error_and_the_run_completes()
    {
        var input = WriteInput(
            Article("fine-1", "Rescue teams reached the village of Marrow on Tuesday after the river burst its banks. " + Filler),
            Article("poison", "Dockworkers in Port Avel walked out on Monday in a dispute over night shifts and pay. " + Filler),
            Article("fine-2", "The regional council approved a new budget for flood defences on Thursday evening. " + Filler));
        var pipeline = EmbeddedRunner.Pipeline(new FailingComponent("poison"));

        var summary = await EmbeddedRunner.Create(new InProcessEventBus(), pipeline).RunAsync(input, _directory, null, CancellationToken.None);

        var rejected = Assert.Single(SampleRunFixture.ReadLines(Path.Combine(_directory, RunOutputs.Rejected)));
        Assert.Equal(EmbeddedRun.AnalysisFailed, rejected.GetProperty("code").GetString());
        Assert.Equal(2, rejected.GetProperty("line").GetInt64());
        Assert.Contains("simulated model failure", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(["fine-1", "fine-2"], SampleRunFixture.ReadLines(Path.Combine(_directory, RunOutputs.Documents)).Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(1, summary.Failed);
    }

    private const string Filler =
        "Officials said the work would continue through the week, and residents were asked to stay away from the area " +
        "while engineers inspected the damage to roads, bridges and the old stone embankment near the market square.";

    private static string Article(string id, string content) =>
        JsonSerializer.Serialize(new { id, title = $"Report {id}", content, published_at = "2026-11-20T09:00:00+00:00", source = "Test Wire" });

    private string WriteInput(params string[] lines)
    {
        var path = Path.Combine(_directory, "input.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>A pipeline component that throws on one document, as a defective model would.</summary>
    private sealed class FailingComponent(string documentId) : INlpComponent
    {
        public string Name => "failing";

        public Annotations Requires => Annotations.None;

        public Annotations Produces => Annotations.None;

        public void Process(Document document, CancellationToken cancellationToken)
        {
            if (document.Id == documentId)
            {
                throw new InvalidOperationException("simulated model failure");
            }
        }
    }
}
