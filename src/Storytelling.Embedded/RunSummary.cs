namespace Storytelling.Embedded;

/// <summary>What a run produced and where: counts, the output files, and how long it took.</summary>
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
    IReadOnlyDictionary<string, string> Files)
{
    public double DocumentsPerSecond => Elapsed.TotalSeconds > 0 ? Analysed / Elapsed.TotalSeconds : 0;
}
