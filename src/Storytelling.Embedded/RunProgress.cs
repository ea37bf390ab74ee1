namespace Storytelling.Embedded;

/// <summary>
/// Where a run is: input lines read (of <paramref name="InputLines"/>, counted before the run), documents cleaned and
/// rejected, documents through NLP, events and the story stage, storylines so far.
/// </summary>
public readonly record struct RunProgress(long InputLines, long Read, long Cleaned, long Rejected, long Analysed, long Events, int Storylines);
