using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Storytelling.Observability.Internal;

namespace Storytelling.Observability;

/// <summary>
/// Listens to the instruments of the meters whose names start with one of the given prefixes and renders their
/// current values in the Prometheus text format 0.0.4: counters as <c>_total</c>, up-down counters and gauges as
/// gauges, histograms as cumulative buckets with <c>_sum</c> and <c>_count</c>. Names are lower snake case;
/// a unit of <c>s</c> adds <c>_seconds</c>, <c>ms</c> adds <c>_milliseconds</c>, <c>By</c> adds <c>_bytes</c>.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>Buckets (in the instrument's unit) for histograms that give none through <see cref="InstrumentAdvice{T}"/>.</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();
    private readonly Lock _renderLock = new();

    public PrometheusExporter(params string[] meterPrefixes)
    {
        ArgumentNullException.ThrowIfNull(meterPrefixes);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meterPrefixes.Length == 0 || meterPrefixes.Any(p => instrument.Meter.Name.StartsWith(p, StringComparison.Ordinal)))
            {
                _families[instrument] = MetricFamily.For(instrument);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, state) => _families.TryRemove(instrument, out var removed);
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<short>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<byte>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<decimal>((instrument, value, tags, _) => Record(instrument, (double)value, tags));
        _listener.Start();
    }

    /// <summary>Collects observable instruments and writes every series in the text format.</summary>
    public string Render()
    {
        var builder = new StringBuilder(4096);
        lock (_renderLock)
        {
            foreach (var family in _families.Values)
            {
                family.BeginObservation();
            }

            _listener.RecordObservableInstruments();
            var byName = _families.Values
                .GroupBy(f => f.Name, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var group in byName)
            {
                var first = group.First();
                builder.Append("# HELP ").Append(first.Name).Append(' ').Append(EscapeHelp(first.Help)).Append('\n');
                builder.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.TypeName).Append('\n');
                foreach (var family in group)
                {
                    family.WriteSeries(builder);
                }
            }
        }

        return builder.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_families.TryGetValue(instrument, out var family))
        {
            family.Record(value, tags);
        }
    }

    private static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
