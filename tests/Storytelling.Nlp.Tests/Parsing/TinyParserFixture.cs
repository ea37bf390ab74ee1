using Storytelling.Nlp.Parsing;
using Storytelling.Nlp.Training;

namespace Storytelling.Nlp.Tests.Parsing;

/// <summary>A parser trained (in about a second) on <see cref="TinyTreebank"/>, shared by the tests of a class.</summary>
public sealed class TinyParserFixture : IDisposable
{
    public TinyParserFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "storytelling-parser-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ConlluPath = Path.Combine(Directory, "tiny.conllu");
        File.WriteAllText(ConlluPath, TinyTreebank.Conllu());
        var trainer = new DependencyParserTrainer { Epochs = 10, PruneBelow = 0, JackknifeFolds = 0 };
        Result = trainer.Train(ConlluPath, ConlluPath, Path.Combine(Directory, "parser"), seed: 1, TextWriter.Null, CancellationToken.None);
        Parser = DependencyParser.Load(Result.ModelPath);
    }

    public string Directory { get; }

    public string ConlluPath { get; }

    public TrainingReport Result { get; }

    public DependencyParser Parser { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
