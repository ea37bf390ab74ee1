using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Storytelling.Observability.Internal;

/// <summary>The series of one instrument, keyed by their label sets, and how they render.</summary>
internal sealed class MetricFamily
{
    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
    private readonly MetricKind _kind;
    private readonly bool _observable;
    private readonly double[] _buckets;

    private MetricFamily(string name, string help, MetricKind kind, bool observable, double[] buckets)
    {
        Name = name;
        Help = help;
        _kind = kind;
        _observable = observable;
        _buckets = buckets;
    }

    public string Name { get; }

    public string Help { get; }

    public string TypeName => _kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Histogram => "histogram",
        _ => "gauge",
    };

    public static MetricFamily For(Instrument instrument)
    {
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        var kind = generic == typeof(Counter<>) || generic == typeof(ObservableCounter<>) ? MetricKind.Counter
            : generic == typeof(Histogram<>) ? MetricKind.Histogram
            : generic == typeof(UpDownCounter<>) || generic == typeof(ObservableUpDownCounter<>) ? MetricKind.SumGauge
            : MetricKind.LastValueGauge;
        var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        var buckets = kind == MetricKind.Histogram ? BucketsOf(instrument) : [];
        return new MetricFamily(MetricNames.Metric(instrument.Name, instrument.Unit, kind == MetricKind.Counter), help, kind, instrument.IsObservable, buckets);
    }

    /// <summary>Observable instruments report whole values on every collection: forget the last collection's series.</summary>
    public void BeginObservation()
    {
        if (_observable)
        {
            _series.Clear();
        }
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        var series = _series.GetOrAdd(labels, _ => new Series(_buckets.Length));
        lock (series)
        {
            switch (_kind)
            {
                case MetricKind.Histogram:
                    series.Count++;
                    series.Value += value;
                    var index = Array.BinarySearch(_buckets, value);
                    series.Buckets[index >= 0 ? index : ~index]++;
                    break;
                case MetricKind.LastValueGauge:
                    series.Value = value;
                    break;
                default:
                    series.Value += value;
                    break;
            }
        }
    }

    public void WriteSeries(StringBuilder builder)
    {
        foreach (var (labels, series) in _series.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            lock (series)
            {
                if (_kind != MetricKind.Histogram)
                {
                    builder.Append(Name).Append(labels).Append(' ').Append(PrometheusExporter.FormatValue(series.Value)).Append('\n');
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i <= _buckets.Length; i++)
                {
                    cumulative += series.Buckets[i];
                    var bound = i < _buckets.Length ? PrometheusExporter.FormatValue(_buckets[i]) : "+Inf";
                    builder.Append(Name).Append("_bucket").Append(WithLabel(labels, "le", bound)).Append(' ').Append(cumulative).Append('\n');
                }

                builder.Append(Name).Append("_sum").Append(labels).Append(' ').Append(PrometheusExporter.FormatValue(series.Value)).Append('\n');
                builder.Append(Name).Append("_count").Append(labels).Append(' ').Append(series.Count).Append('\n');
            }
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var builder = new StringBuilder("{");
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(MetricNames.Label(sorted[i].Key)).Append("=\"");
            MetricNames.AppendLabelValue(builder, Convert.ToString(sorted[i].Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            builder.Append('"');
        }

        return builder.Append('}').ToString();
    }

    private static string WithLabel(string labels, string key, string value) =>
        labels.Length == 0 ? $"{{{key}=\"{value}\"}}" : $"{labels[..^1]},{key}=\"{value}\"}}";

    private static double[] BucketsOf(Instrument instrument)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        return [.. (advised ?? PrometheusExporter.DefaultBuckets).Order()];
    }

    private enum MetricKind
    {
        Counter,
        SumGauge,
        LastValueGauge,
        Histogram,
    }

    private sealed class Series(int buckets)
    {
        public double Value;
        public long Count;
        public readonly long[] Buckets = new long[buckets + 1];
    }
}
