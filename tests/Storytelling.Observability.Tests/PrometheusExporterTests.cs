using System.Diagnostics.Metrics;

namespace Storytelling.Observability.Tests;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly string _meterName = $"Storytelling.Test.{Guid.NewGuid():N}";
    private readonly Meter _meter;
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _exporter = new PrometheusExporter(_meterName);
        _meter = new Meter(_meterName);
    }

    public void Dispose()
    {
        _meter.Dispose();
        _exporter.Dispose();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Counter_is_rendered_with_total_suffix_help_type_and_one_series_per_label_set()
    {
        var counter = _meter.CreateCounter<long>("storytelling.consumer.events", description: "Events consumed");
        counter.Add(3, new KeyValuePair<string, object?>("event_type", "document.cleaned"));
        counter.Add(2, new KeyValuePair<string, object?>("event_type", "document.cleaned"));
        counter.Add(1, new KeyValuePair<string, object?>("event_type", "job.completed"));

        var lines = Lines(_exporter.Render());

        Assert.Contains("# HELP storytelling_consumer_events_total Events consumed", lines);
        Assert.Contains("# TYPE storytelling_consumer_events_total counter", lines);
        Assert.Contains("storytelling_consumer_events_total{event_type=\"document.cleaned\"} 5", lines);
        Assert.Contains("storytelling_consumer_events_total{event_type=\"job.completed\"} 1", lines);
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_and_end_with_inf_sum_and_count()
    {
        var histogram = _meter.CreateHistogram<double>("storytelling.handle.duration", unit: "s", description: "Handling time",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.01, 0.1] });
        foreach (var value in new[] { 0.0005, 0.005, 0.005, 0.05, 2.0 })
        {
            histogram.Record(value);
        }

        var lines = Lines(_exporter.Render());

        Assert.Contains("# TYPE storytelling_handle_duration_seconds histogram", lines);
        Assert.Contains("storytelling_handle_duration_seconds_bucket{le=\"0.001\"} 1", lines);
        Assert.Contains("storytelling_handle_duration_seconds_bucket{le=\"0.01\"} 3", lines);
        Assert.Contains("storytelling_handle_duration_seconds_bucket{le=\"0.1\"} 4", lines);
        Assert.Contains("storytelling_handle_duration_seconds_bucket{le=\"+Inf\"} 5", lines);
        Assert.Contains("storytelling_handle_duration_seconds_count 5", lines);
        Assert.Contains("storytelling_handle_duration_seconds_sum 2.0605", lines);
    }

    [Fact]
    public void Histogram_labels_keep_le_last()
    {
        var histogram = _meter.CreateHistogram<double>("latency", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1] });
        histogram.Record(0.5, new KeyValuePair<string, object?>("stage", "nlp"));

        Assert.Contains("latency_bucket{stage=\"nlp\",le=\"1\"} 1", Lines(_exporter.Render()));
    }

    [Fact]
    public void Observable_gauge_reports_the_current_value_at_each_render()
    {
        var pending = 7;
        _meter.CreateObservableGauge("storytelling.consumer.pending", () => pending, description: "Pending entries");

        Assert.Contains("storytelling_consumer_pending 7", Lines(_exporter.Render()));
        pending = 2;
        Assert.Contains("storytelling_consumer_pending 2", Lines(_exporter.Render()));
    }

    [Fact]
    public void Up_down_counter_is_a_gauge_that_sums()
    {
        var inFlight = _meter.CreateUpDownCounter<int>("in_flight");
        inFlight.Add(5);
        inFlight.Add(-2);

        var lines = Lines(_exporter.Render());

        Assert.Contains("# TYPE in_flight gauge", lines);
        Assert.Contains("in_flight 3", lines);
    }

    [Fact]
    public void Label_values_are_escaped_and_names_sanitized()
    {
        var counter = _meter.CreateCounter<long>("weird-name.x");
        counter.Add(1, new KeyValuePair<string, object?>("error.type", "a \"quoted\" back\\slash\nnewline"));

        Assert.Contains("weird_name_x_total{error_type=\"a \\\"quoted\\\" back\\\\slash\\nnewline\"} 1", Lines(_exporter.Render()));
    }

    [Fact]
    public void Meters_outside_the_prefixes_are_not_exported()
    {
        using var other = new Meter("Other.Meter." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("not_mine").Add(1);

        Assert.DoesNotContain("not_mine", _exporter.Render());
    }

    [Fact]
    public void Disposed_meter_disappears_from_the_output()
    {
        using (var shortLived = new Meter(_meterName))
        {
            shortLived.CreateCounter<long>("short_lived").Add(1);
            Assert.Contains("short_lived_total 1", _exporter.Render());
        }

        Assert.DoesNotContain("short_lived", _exporter.Render());
    }

    [Fact]
    public async Task Concurrent_adds_are_all_counted()
    {
        var counter = _meter.CreateCounter<long>("concurrent");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("k", "v"));
            }
        })));

        Assert.Contains("concurrent_total{k=\"v\"} 80000", Lines(_exporter.Render()));
    }
}
