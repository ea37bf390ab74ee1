namespace Storytelling.Nlp.Parsing;

/// <summary>What a parser training run produced: the model file and its dev attachment scores (percent).</summary>
public sealed record DependencyParserTrainingResult(string ModelPath, double DevUas, double DevLas, int Epochs, TimeSpan Elapsed);
