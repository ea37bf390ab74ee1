#:project ../src/Storytelling.Nlp/Storytelling.Nlp.csproj

// Train and evaluate the NLP models today, without the CLI (same code the CLI calls):
//   dotnet run models/nlp.cs -- train tagger --train FILE --dev FILE --out models/tagger [--seed 1]
//   dotnet run models/nlp.cs -- eval --conllu FILE [--raw] [--pipeline tokenizer,sentences,tagger,lemmatizer]
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Evaluation;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Training;

string? OptionOrNull(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

string Option(string name, string? fallback = null) => OptionOrNull(name) ?? fallback ?? throw new ArgumentException($"missing {name}");

switch (args.FirstOrDefault())
{
    case "train":
        var report = await ComponentTrainers.Get(args[1]).TrainAsync(
            Option("--train"), Option("--dev"), Option("--out"), int.Parse(Option("--seed", "1")), Console.Out, CancellationToken.None);
        Console.WriteLine(report);
        return 0;
    case "eval":
        var gold = ConlluReader.ReadFile(Option("--conllu")).ToList();
        var names = Option("--pipeline", "tokenizer,sentences,tagger,lemmatizer").Split(',');
        var pipeline = NlpPipeline.Create(names, NlpComponentRegistry.CreateDefault(), new ModelStore(OptionOrNull("--models")));
        var result = args.Contains("--raw") ? ConlluEvaluator.EvaluateRaw(gold, pipeline) : ConlluEvaluator.EvaluateGoldTokens(gold, pipeline);
        Console.WriteLine(ConlluEvaluator.ToJson(result));
        return 0;
    default:
        Console.Error.WriteLine("usage: dotnet run models/nlp.cs -- train <tagger|lemmatizer> --train FILE --dev FILE --out DIR [--seed N] | eval --conllu FILE [--raw] [--pipeline a,b,c] [--models DIR]");
        return 2;
}
