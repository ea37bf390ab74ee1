using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Storytelling.Cli.Nlp;
using Storytelling.Nlp;
using Storytelling.Nlp.Corpora;
using Storytelling.Nlp.Entities;
using Storytelling.Nlp.Evaluation;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Output;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Training;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling nlp train|eval|analyze</c>: trains a component from CoNLL-U, scores the committed models on a
/// CoNLL-U (or IOB2) file, and prints the annotations of a text. Models come from <c>--models DIR</c> or the first
/// <c>models/</c> directory above the current directory or the executable; a missing or corrupt model file exits 1
/// with a message naming it.
/// </summary>
public static class NlpCommand
{
    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        return new Command("nlp", "Train, evaluate and run the NLP models (tokenizer, tagger, lemmatizer, entity recognizer, parser).")
        {
            CreateTrain(register),
            CreateEval(register),
            CreateAnalyze(register),
        };
    }

    private static Option<string?> ModelsOption() =>
        new("--models") { Description = "The models directory (default: the first models/ above the current directory, then above the executable)." };

    private static Command CreateTrain(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var component = new Argument<string>("component") { Description = "The component to train: " + string.Join(", ", KnownTrainers()) + "." };
        var train = new Option<string>("--train") { Description = "Training data (CoNLL-U).", Required = true };
        var dev = new Option<string>("--dev") { Description = "Development data (CoNLL-U) for the reported scores.", Required = true };
        var output = new Option<string>("--out") { Description = "Directory to write model.bin into (e.g. models/tagger).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (same data and seed give the same model).", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the final report as JSON." };
        var command = new Command("train", "Train one component; progress goes to stderr, the report (dev scores, size, time) to stdout.")
        {
            component, train, dev, output, seed, json,
        };
        register(command, (context, cancellationToken) => TrainAsync(
            context,
            context.ParseResult.GetValue(component)!,
            context.ParseResult.GetValue(train)!,
            context.ParseResult.GetValue(dev)!,
            context.ParseResult.GetValue(output)!,
            context.ParseResult.GetValue(seed),
            context.ParseResult.GetValue(json),
            cancellationToken));
        return command;
    }

    private static Command CreateEval(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var conllu = new Option<string?>("--conllu") { Description = "Score tags, lemmas and dependencies against this CoNLL-U file." };
        var iob2 = new Option<string?>("--iob2") { Description = "Score named entities against this IOB2 file (exact span match)." };
        var raw = new Option<bool>("--raw") { Description = "With --conllu: start from the raw text (our tokenizer and splitter) instead of gold tokens." };
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of a table." };
        var models = ModelsOption();
        var command = new Command("eval", "Score the committed models on a CoNLL-U file (UPOS, XPOS, lemma; UAS/LAS when the parser model exists) or an IOB2 file.")
        {
            conllu, iob2, raw, json, models,
        };
        register(command, (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            return Guarded(context, () => EvalAsync(
                context, result.GetValue(conllu), result.GetValue(iob2), result.GetValue(raw), result.GetValue(json), context.ModelsDirectory(result.GetValue(models)), cancellationToken));
        });
        return command;
    }

    private static Command CreateAnalyze(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var text = new Option<string?>("--text") { Description = "The text to analyze." };
        var file = new Option<string?>("--file") { Description = "A UTF-8 text file to analyze as one document." };
        var id = new Option<string?>("--id") { Description = "Document id to print (default: the file name, or 'text')." };
        var json = new Option<bool>("--json") { Description = "Print the documents.jsonl annotation object instead of a table." };
        var publishedAt = new Option<DateTimeOffset?>("--published-at")
        {
            Description = "The publication date (ISO 8601) that relative time expressions ('on Monday', 'last week') are resolved against.",
        };
        var models = ModelsOption();
        var command = new Command("analyze", "Tokenize, split, tag, lemmatize, find entities in and parse a text; print the annotations (documents.jsonl shape with --json).")
        {
            text, file, id, json, publishedAt, models,
        };
        register(command, (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            return Guarded(context, () => AnalyzeAsync(
                context, result.GetValue(text), result.GetValue(file), result.GetValue(id), result.GetValue(json), result.GetValue(publishedAt), context.ModelsDirectory(result.GetValue(models)), cancellationToken));
        });
        return command;
    }

    /// <summary>Model problems are failures (exit 1) whose message names the file.</summary>
    private static async Task<int> Guarded(CliContext context, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ModelLoadException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static IReadOnlyCollection<string> KnownTrainers() => ComponentTrainers.Names;

    private static async Task<int> TrainAsync(CliContext context, string component, string train, string dev, string output, int seed, bool asJson, CancellationToken cancellationToken)
    {
        var known = KnownTrainers();
        if (!ComponentTrainers.TryGet(component, out var trainer) || trainer is null)
        {
            throw new CommandInputException($"unknown component '{component}'; known components: {string.Join(", ", known)}");
        }

        RequireFile(train, "--train");
        RequireFile(dev, "--dev");
        Directory.CreateDirectory(output);
        var report = await trainer.TrainAsync(train, dev, output, seed, context.Error, cancellationToken);
        if (asJson)
        {
            var json = JsonText.Object(writer =>
            {
                writer.WriteString("component", report.Component);
                writer.WriteString("model", report.ModelPath);
                writer.WriteNumber("model_bytes", report.ModelBytes);
                writer.WriteNumber("training_seconds", Math.Round(report.TrainingTime.TotalSeconds, 1));
                writer.WriteStartObject("dev");
                foreach (var (name, score) in report.DevScores)
                {
                    writer.WriteNumber(name, score);
                }

                writer.WriteEndObject();
            });
            await context.Output.WriteLineAsync(json.AsMemory(), cancellationToken);
        }
        else
        {
            string scores = string.Join(", ", report.DevScores.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:F2}")));
            await context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{report.Component}: wrote {report.ModelPath} ({report.ModelBytes:N0} bytes) in {report.TrainingTime.TotalSeconds:F1} s; dev {scores}").AsMemory(), cancellationToken);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> EvalAsync(CliContext context, string? conllu, string? iob2, bool raw, bool asJson, string? modelsDirectory, CancellationToken cancellationToken)
    {
        if ((conllu is null) == (iob2 is null))
        {
            throw new CommandInputException("give exactly one of --conllu FILE or --iob2 FILE");
        }

        if (iob2 is not null)
        {
            return await EvalEntitiesAsync(context, iob2, asJson, modelsDirectory, cancellationToken);
        }

        RequireFile(conllu!, "--conllu");
        List<ConlluSentence> gold;
        try
        {
            gold = [.. ConlluReader.ReadFile(conllu!)];
        }
        catch (FormatException e)
        {
            throw new CommandInputException(e.Message, e);
        }

        var models = NlpModels.Load(modelsDirectory);
        var pipeline = models.CreatePipeline();
        var result = await Task.Run(
            () => raw ? ConlluEvaluator.EvaluateRaw(gold, pipeline, cancellationToken) : ConlluEvaluator.EvaluateGoldTokens(gold, pipeline, cancellationToken),
            cancellationToken);
        if (asJson)
        {
            await context.Output.WriteLineAsync(ConlluEvaluator.ToJson(result).AsMemory(), cancellationToken);
            return ExitCodes.Ok;
        }

        var lines = new List<string>
        {
            $"{conllu}: {result.Sentences} sentences, {result.Tokens} words, {(raw ? "raw text (F1 over words aligned by offsets)" : "gold tokens (accuracy)")}",
            $"pipeline: {string.Join(" → ", pipeline.ComponentNames)}",
        };
        if (result.TokensF1 is { } tokensF1)
        {
            lines.Add(Row("tokens", tokensF1));
            lines.Add(Row("sentences", result.SentencesF1 ?? 0));
        }

        lines.Add(Row("UPOS", result.Upos));
        lines.Add(Row("XPOS", result.Xpos));
        lines.Add(Row("lemma", result.Lemma));
        lines.Add(result.Uas is { } uas ? Row("UAS", uas) : "UAS        - (no parser model)");
        lines.Add(result.Las is { } las ? Row("LAS", las) : "LAS        - (no parser model)");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"speed      {result.TokensPerSecond:N0} words/s (one thread)"));
        foreach (var line in lines)
        {
            await context.Output.WriteLineAsync(line.AsMemory(), cancellationToken);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> EvalEntitiesAsync(CliContext context, string iob2, bool asJson, string? modelsDirectory, CancellationToken cancellationToken)
    {
        RequireFile(iob2, "--iob2");
        List<Iob2Sentence> gold;
        try
        {
            gold = [.. Iob2Reader.ReadFile(iob2)];
        }
        catch (FormatException e)
        {
            throw new CommandInputException(e.Message, e);
        }

        var models = NlpModels.Load(modelsDirectory);
        if (models.Entities is null)
        {
            await context.Error.WriteLineAsync($"error: no named-entity model: '{models.Store.PathOf(EntityRecognizer.ModelName)}' does not exist (train it with 'storytelling nlp train ner')".AsMemory(), cancellationToken);
            return ExitCodes.Failure;
        }

        var pipeline = models.CreatePipeline();
        var result = await Task.Run(() => EntityEvaluator.Evaluate(gold, pipeline, cancellationToken), cancellationToken);
        if (asJson)
        {
            await context.Output.WriteLineAsync(EntityEvaluator.ToJson(result).AsMemory(), cancellationToken);
            return ExitCodes.Ok;
        }

        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{iob2}: {gold.Count} sentences, {result.Tokens} tokens, exact span match"),
            "type        precision  recall      f1   gold  system  correct",
        };
        foreach (var (type, score) in result.PerType)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{type,-10} {score.Precision,10:F2} {score.Recall,7:F2} {score.F1,7:F2} {score.Gold,6} {score.System,7} {score.Correct,8}"));
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{"all",-10} {result.Precision,10:F2} {result.Recall,7:F2} {result.F1,7:F2}"));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"speed      {result.TokensPerSecond:N0} tokens/s (one thread)"));
        foreach (var line in lines)
        {
            await context.Output.WriteLineAsync(line.AsMemory(), cancellationToken);
        }

        return ExitCodes.Ok;
    }

    private static string Row(string name, double value) => string.Create(CultureInfo.InvariantCulture, $"{name,-10} {value,6:F2}");

    private static async Task<int> AnalyzeAsync(CliContext context, string? text, string? file, string? id, bool asJson, DateTimeOffset? publishedAt, string? modelsDirectory, CancellationToken cancellationToken)
    {
        if ((text is null) == (file is null))
        {
            throw new CommandInputException("give exactly one of --text T or --file F");
        }

        if (file is not null)
        {
            RequireFile(file, "--file");
            text = await File.ReadAllTextAsync(file, cancellationToken);
        }

        var models = NlpModels.Load(modelsDirectory);
        var document = new Document(text!, id ?? (file is null ? "text" : Path.GetFileNameWithoutExtension(file))) { PublishedAt = publishedAt };
        models.CreatePipeline().Process(document, cancellationToken);
        string rendered = asJson ? AnnotationWriter.ToJson(document) : AnnotationWriter.ToTable(document);
        await context.Output.WriteLineAsync(rendered.AsMemory(), cancellationToken);
        return ExitCodes.Ok;
    }

    private static void RequireFile(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new CommandInputException($"{option}: file '{path}' does not exist");
        }
    }
}
