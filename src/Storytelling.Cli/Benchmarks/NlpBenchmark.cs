using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Storytelling.Articles;
using Storytelling.Cli.Nlp;
using Storytelling.Nlp;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Tokenization;

namespace Storytelling.Cli.Benchmarks;

/// <summary>
/// <c>storytelling bench nlp [--json] [--file F]</c>: NLP throughput on news text, one thread. Each component is timed
/// alone on input the earlier components prepared beforehand (the tokenizer figure covers tokenizer + sentence
/// splitter), then tokenizer + tagger together and the whole pipeline from raw text. Every figure follows a warm-up pass
/// and runs for at least <c>--seconds</c>. Tokens per second per core divide the tokens by the process CPU time spent
/// while the single working thread ran (so other load on a shared machine does not count); wall-clock figures are given
/// beside them. <c>peak_memory_mb</c> is the process's peak working set with all models loaded, after the runs.
/// Components whose model file is missing are reported as null.
/// </summary>
public static class NlpBenchmark
{
    private const int MinimumTokens = 100_000;

    public static Command CreateCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of a table." };
        var file = new Option<string?>("--file")
        {
            Description = "Articles (JSONL, docs/input-format.md) to process; default: ../shared/data/ecbplus-dev/articles.jsonl when present, else samples/articles.jsonl, repeated to at least 100,000 tokens.",
        };
        var seconds = new Option<double>("--seconds") { Description = "Minimum measured time per figure.", DefaultValueFactory = _ => 2.0 };
        var models = new Option<string?>("--models") { Description = "The models directory (default: the first models/ above the current directory, then above the executable)." };
        var command = new Command("nlp", "Measure NLP throughput per core (tokenizer, tagger, ner, parser, whole pipeline) and peak memory.") { json, file, seconds, models };
        register(command, async (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            try
            {
                return await RunAsync(context, result.GetValue(file), result.GetValue(seconds), context.ModelsDirectory(result.GetValue(models)), result.GetValue(json), cancellationToken);
            }
            catch (ModelLoadException e)
            {
                await context.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? file, double seconds, string? modelsDirectory, bool asJson, CancellationToken cancellationToken)
    {
        if (seconds is <= 0 or > 600)
        {
            throw new CommandInputException($"--seconds must be between 0 and 600, not {seconds}");
        }

        var models = NlpModels.Load(modelsDirectory);
        string source = file ?? DefaultSource(models.Store.Directory)
            ?? throw new CommandInputException("no articles to measure on: give --file (samples/articles.jsonl was not found beside the models directory)");
        if (!File.Exists(source))
        {
            throw new CommandInputException($"--file: file '{source}' does not exist");
        }

        var texts = await ReadTextsAsync(context, source, cancellationToken);
        if (texts.Count == 0)
        {
            throw new CommandInputException($"{source}: no article was accepted");
        }

        var result = await Task.Factory.StartNew(
            () => Measure(models, texts, source, TimeSpan.FromSeconds(seconds), context.Error, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await context.Output.WriteLineAsync((asJson ? ToJson(result) : ToTable(result)).AsMemory(), cancellationToken);
        return ExitCodes.Ok;
    }

    /// <summary>The ECB+ articles when ../shared is beside the repository, else the repository's samples.</summary>
    private static string? DefaultSource(string modelsDirectory)
    {
        string root = Path.GetDirectoryName(Path.GetFullPath(modelsDirectory)) ?? ".";
        string ecbplus = Path.Combine(root, "..", "shared", "data", "ecbplus-dev", "articles.jsonl");
        if (File.Exists(ecbplus))
        {
            return Path.GetFullPath(ecbplus);
        }

        string samples = Path.Combine(root, "samples", "articles.jsonl");
        return File.Exists(samples) ? samples : null;
    }

    private static async Task<List<string>> ReadTextsAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        var reader = new ArticleReader(context.Settings.Bind<ArticleInputOptions>(ArticleInputOptions.SectionName));
        var texts = new List<string>();
        await foreach (var read in reader.ReadFileAsync(path, new ArticleReadStatistics(), cancellationToken))
        {
            if (read.Article is { } article)
            {
                texts.Add(string.IsNullOrWhiteSpace(article.Title) ? article.Content : article.Title + "\n\n" + article.Content);
            }
        }

        return texts;
    }

    private static NlpBenchmarkResult Measure(NlpModels models, List<string> articles, string source, TimeSpan minimum, TextWriter progress, CancellationToken cancellationToken)
    {
        var tokenizer = new Tokenizer();
        var splitter = new SentenceSplitter();
        int articleTokens = articles.Sum(t => Tokenizer.Tokenize(t).Length);
        int repeats = Math.Max(1, (int)Math.Ceiling((double)MinimumTokens / Math.Max(1, articleTokens)));
        var texts = Enumerable.Repeat(articles, repeats).SelectMany(t => t).ToList();
        progress.WriteLine($"bench nlp: {texts.Count} documents ({articles.Count} articles x {repeats}), {articleTokens * repeats:N0} tokens from {source}");

        var tokenized = Prepared(texts, [tokenizer, splitter], cancellationToken);
        var tagged = Prepared(texts, [tokenizer, splitter, models.Tagger], cancellationToken);
        var figures = new Dictionary<string, Throughput?>(StringComparer.Ordinal)
        {
            ["tokenizer"] = Time("tokenizer", texts, text => new NlpPipeline([tokenizer, splitter]).Process(new Document(text), cancellationToken), minimum, progress),
            ["tagger"] = TimeOn("tagger", tokenized, models.Tagger, minimum, progress, cancellationToken),
            ["ner"] = models.Entities is null ? null : TimeOn("ner", tagged, models.Entities, minimum, progress, cancellationToken),
            ["parser"] = models.Parser is null ? null : TimeOn("parser", tagged, models.Parser, minimum, progress, cancellationToken),
        };
        var lemmatizer = TimeOn("lemmatizer", tagged, models.Lemmatizer, minimum, progress, cancellationToken);
        var tokenizerTagger = new NlpPipeline([tokenizer, splitter, models.Tagger]);
        var tokenizerAndTagger = Time("tokenizer+tagger", texts, text => tokenizerTagger.Process(new Document(text), cancellationToken), minimum, progress);
        var pipeline = models.CreatePipeline();
        figures["pipeline"] = Time("pipeline", texts, text => pipeline.Process(new Document(text), cancellationToken), minimum, progress);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new NlpBenchmarkResult(
            figures,
            tokenizerAndTagger,
            lemmatizer,
            Math.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0), 1),
            source,
            texts.Count,
            tokenized.Sum(d => d.TokenCount),
            pipeline.ComponentNames);
    }

    private static List<Document> Prepared(List<string> texts, INlpComponent[] components, CancellationToken cancellationToken)
    {
        var pipeline = new NlpPipeline(components);
        var documents = new List<Document>(texts.Count);
        foreach (var text in texts)
        {
            var document = new Document(text);
            pipeline.Process(document, cancellationToken);
            documents.Add(document);
        }

        return documents;
    }

    private static Throughput TimeOn(string name, List<Document> documents, INlpComponent component, TimeSpan minimum, TextWriter progress, CancellationToken cancellationToken) =>
        Time(name, documents, document => component.Process(document, cancellationToken), minimum, progress);

    /// <summary>One warm-up pass over <paramref name="items"/>, then whole passes until <paramref name="minimum"/> has passed.</summary>
    private static Throughput Time<T>(string name, List<T> items, Action<T> work, TimeSpan minimum, TextWriter progress)
    {
        foreach (var item in items)
        {
            work(item);
        }

        int tokensPerPass = items switch
        {
            List<Document> documents => documents.Sum(d => d.TokenCount),
            List<string> texts => texts.Sum(t => Tokenizer.Tokenize(t).Length),
            _ => throw new ArgumentException($"Cannot count the tokens of {typeof(T).Name}.", nameof(items)),
        };
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        long started = Stopwatch.GetTimestamp();
        long tokens = 0;
        do
        {
            foreach (var item in items)
            {
                work(item);
            }

            tokens += tokensPerPass;
        }
        while (Stopwatch.GetElapsedTime(started) < minimum);

        double wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        var throughput = new Throughput(Math.Round(tokens / Math.Max(cpu, 1e-9)), Math.Round(tokens / wall));
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench nlp: {name}: {throughput.PerCore:N0} tokens/s per core ({throughput.Wall:N0} wall), {tokens:N0} tokens"));
        return throughput;
    }

    private static string ToJson(NlpBenchmarkResult result)
    {
        return JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("tokens_per_second_per_core");
            foreach (var (name, figure) in result.Figures)
            {
                WriteNumberOrNull(writer, name, figure?.PerCore);
            }

            writer.WriteEndObject();
            writer.WriteNumber("peak_memory_mb", result.PeakMemoryMegabytes);
            writer.WriteNumber("tokenizer_tagger_tokens_per_second_per_core", result.TokenizerAndTagger.PerCore);
            writer.WriteNumber("lemmatizer_tokens_per_second_per_core", result.Lemmatizer.PerCore);
            writer.WriteStartObject("wall_tokens_per_second");
            foreach (var (name, figure) in result.Figures)
            {
                WriteNumberOrNull(writer, name, figure?.Wall);
            }

            writer.WriteNumber("tokenizer_tagger", result.TokenizerAndTagger.Wall);
            writer.WriteNumber("lemmatizer", result.Lemmatizer.Wall);
            writer.WriteEndObject();
            writer.WriteString("text", result.Source);
            writer.WriteNumber("documents", result.Documents);
            writer.WriteNumber("tokens", result.Tokens);
            writer.WriteStartArray("pipeline");
            foreach (var name in result.Pipeline)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            writer.WriteNumber("threads", 1);
            writer.WriteString("per_core_clock", "process CPU time while one thread works");
            writer.WriteEndObject();
        });
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string ToTable(NlpBenchmarkResult result)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{result.Source}: {result.Documents} documents, {result.Tokens:N0} tokens, one thread"),
            "component          tokens/s per core   tokens/s wall",
        };
        foreach (var (name, figure) in result.Figures.Append(new("tokenizer+tagger", result.TokenizerAndTagger)).Append(new("lemmatizer", result.Lemmatizer)))
        {
            lines.Add(figure is { } f
                ? string.Create(CultureInfo.InvariantCulture, $"{name,-18} {f.PerCore,17:N0}   {f.Wall,13:N0}")
                : $"{name,-18} {"- (no model)",17}");
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"peak memory        {result.PeakMemoryMegabytes:F1} MB"));
        return string.Join(Environment.NewLine, lines);
    }

    private readonly record struct Throughput(double PerCore, double Wall);

    private sealed record NlpBenchmarkResult(
        IReadOnlyDictionary<string, Throughput?> Figures,
        Throughput TokenizerAndTagger,
        Throughput Lemmatizer,
        double PeakMemoryMegabytes,
        string Source,
        int Documents,
        int Tokens,
        IReadOnlyList<string> Pipeline);
}
