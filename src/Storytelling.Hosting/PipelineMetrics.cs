using System.Diagnostics.Metrics;

namespace Storytelling.Hosting;

/// <summary>
/// Throughput and latency of each stage's unit of work, on meter <see cref="MeterName"/> (exported on every role's
/// <c>/metrics</c>): <c>storytelling_pipeline_documents_total{stage,outcome}</c> (stage <c>cleaning</c>: cleaned or
/// rejected; <c>nlp</c>: analysed or failed; <c>stories</c>: placed), <c>storytelling_pipeline_events_total</c> (events
/// extracted by the NLP workers) and <c>storytelling_pipeline_document_seconds{stage}</c> (the stage's own work on one
/// document: cleaning, the NLP pipeline, adding it to the story engine). Documents and events per second are their
/// rates, e.g. <c>rate(storytelling_pipeline_documents_total{stage="nlp"}[1m])</c>.
/// </summary>
public static class PipelineMetrics
{
    public const string MeterName = "Storytelling.Pipeline";

    public const string Cleaning = "cleaning";
    public const string Nlp = "nlp";
    public const string Stories = "stories";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> DocumentCounter = Meter.CreateCounter<long>("storytelling.pipeline.documents",
        description: "Documents through a stage, by outcome");
    private static readonly Counter<long> EventCounter = Meter.CreateCounter<long>("storytelling.pipeline.events",
        description: "Events extracted by the NLP workers");
    private static readonly Histogram<double> DocumentSeconds = Meter.CreateHistogram<double>("storytelling.pipeline.document_seconds", unit: "s",
        description: "Time of a stage's own work on one document",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    /// <summary>One document through <paramref name="stage"/> with <paramref name="outcome"/>, its work taking <paramref name="elapsed"/>.</summary>
    public static void Document(string stage, string outcome, TimeSpan elapsed)
    {
        DocumentCounter.Add(1, new KeyValuePair<string, object?>("stage", stage), new KeyValuePair<string, object?>("outcome", outcome));
        DocumentSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage));
    }

    /// <summary><paramref name="count"/> events extracted from one document.</summary>
    public static void Events(int count) => EventCounter.Add(count);
}
