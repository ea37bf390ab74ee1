namespace Storytelling.Nlp.Training;

/// <summary>Trains one component from a CoNLL-U train file, scores it on the dev file and writes it to a directory.</summary>
public interface IComponentTrainer
{
    string Component { get; }

    Task<TrainingReport> TrainAsync(string trainFile, string devFile, string outDirectory, int seed, TextWriter progress, CancellationToken cancellationToken);
}
