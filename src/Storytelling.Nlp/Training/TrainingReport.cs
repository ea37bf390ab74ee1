namespace Storytelling.Nlp.Training;

/// <summary>What a training run produced: the model file, its dev scores (percent), size and time.</summary>
public sealed record TrainingReport(
    string Component,
    string ModelPath,
    long ModelBytes,
    TimeSpan TrainingTime,
    IReadOnlyDictionary<string, double> DevScores);
