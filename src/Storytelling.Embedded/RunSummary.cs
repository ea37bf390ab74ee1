namespace Storytelling.Embedded;

/// <summary>What a run produced and where: counts, the output files, how long it took and where the time went (<see cref="StageSeconds"/>: cleaning, nlp summed over concurrent documents, stories, writing).</summary>
public sealed record RunSummary(
    string Input,
    string OutputDir,
    long Lines,
    long Cleaned,
    long Rejected,
    long Duplicates,
    long Analysed,
    long Failed,
    long Tokens,
    long Events,
    long Links,
    long EventClusters,
    int Storylines,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, double> StageSeconds,
    IReadOnlyDictionary<string, string> Files)
{
    public double DocumentsPerSecond => Elapsed.TotalSeconds > 0 ? Analysed / Elapsed.TotalSeconds : 0;
}
