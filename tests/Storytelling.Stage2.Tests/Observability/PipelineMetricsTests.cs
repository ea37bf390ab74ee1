using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Storytelling.Hosting;

namespace Storytelling.Stage2.Tests.Observability;

/// <summary>
/// Each stage counts its documents and times its own work on meter <see cref="PipelineMetrics.MeterName"/>, so an
/// operator sees documents and events per second and per-stage latency on <c>/metrics</c>. Other tests of this assembly
/// run at the same time and count too, so the figures are at least this job's.
/// </summary>
public sealed class PipelineMetricsTests : IDisposable
{
    private const int Articles = 6;

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public PipelineMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _counts.AddOrUpdate(Key(instrument, tags), value, (_, sum) => sum + value));
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => _counts.AddOrUpdate(Key(instrument, tags), 1, (_, n) => n + 1));
        _listener.Start();
    }

    [Fact]
    public async Task Cleaning_nlp_and_stories_count_their_documents_and_time_them_and_nlp_counts_events()
    {
        await using var harness = await Stage2Harness.StartAsync(batchMode: true);
        harness.StartServices();
        var job = await harness.SubmitAsync(Enumerable.Range(0, Articles).Select(n => Stage2Harness.Article(n)));
        await harness.WaitForNlpJobAsync(job.Id);
        await harness.StartStorylineBuilderAsync();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Count("storytelling.pipeline.documents", "stories", "placed") < Articles)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the storyline builder counted {Count("storytelling.pipeline.documents", "stories", "placed")} of {Articles} documents");
            await Task.Delay(100);
        }

        Assert.True(Count("storytelling.pipeline.documents", "cleaning", "cleaned") >= Articles, Describe());
        Assert.True(Count("storytelling.pipeline.documents", "nlp", "analysed") >= Articles, Describe());
        Assert.True(Count("storytelling.pipeline.events", null, null) > 0, Describe());
        foreach (var stage in new[] { PipelineMetrics.Cleaning, PipelineMetrics.Nlp, PipelineMetrics.Stories })
        {
            Assert.True(Count("storytelling.pipeline.document_seconds", stage, null) >= Articles, $"{stage}: {Describe()}");
        }
    }

    public void Dispose() => _listener.Dispose();

    private long Count(string instrument, string? stage, string? outcome) => _counts.GetValueOrDefault($"{instrument}|{stage}|{outcome}");

    private string Describe() => string.Join(", ", _counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string Key(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? stage = null, outcome = null;
        foreach (var (name, value) in tags)
        {
            stage = name == "stage" ? value as string : stage;
            outcome = name == "outcome" ? value as string : outcome;
        }

        return $"{instrument.Name}|{stage}|{outcome}";
    }
}
