using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Storytelling.Articles;
using Storytelling.Nlp;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Stories;

namespace Storytelling.Cli.Benchmarks;

/// <summary>
/// <c>storytelling bench stories [--json] [--documents N] [--articles F]</c>: the story engine's cost per document
/// (event linking + storyline update, <see cref="StoryEngine.Add"/>) on a growing corpus. The base articles are
/// analysed once with the configured NLP pipeline; the corpus is the base repeated, copy k with its dates shifted by
/// k × 120 days and every entity name renamed in text and entities (so copies are distinct stories that share their
/// vocabulary). Each Add is timed alone; the figure at size n is the median over the 1,000 documents ending at n.
/// Peak memory is the process's peak working set; live memory is the managed heap after a full collection at the end,
/// with the engine still alive.
/// </summary>
public static class StoriesBenchmark
{
    private const int Window = 1_000;
    private const int ShiftDays = 120;

    public static Command CreateCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of a table." };
        var documents = new Option<int>("--documents") { Description = "Corpus size to grow to.", DefaultValueFactory = _ => 100_000 };
        var articles = new Option<string?>("--articles")
        {
            Description = "Base articles (JSONL) to repeat; default: samples/articles.jsonl beside the models directory (e.g. ../shared/data/ecbplus-dev/articles.jsonl instead).",
        };
        var models = new Option<string?>("--models") { Description = "The models directory (default: the first models/ above the current directory, then above the executable)." };
        var command = new Command("stories", "Measure event linking + storyline update per document on a growing corpus (ms per document at 10k and 100k, peak memory).")
        {
            json, documents, articles, models,
        };
        register(command, (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            return RunAsync(context, result.GetValue(articles), result.GetValue(documents), context.ModelsDirectory(result.GetValue(models)), result.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? file, int size, string? modelsDirectory, bool asJson, CancellationToken cancellationToken)
    {
        if (size is < Window or > 10_000_000)
        {
            throw new CommandInputException($"--documents must be between {Window} and 10,000,000, not {size}");
        }

        if (modelsDirectory is not null && !Directory.Exists(modelsDirectory))
        {
            throw new CommandInputException($"--models: directory '{modelsDirectory}' does not exist");
        }

        var store = new ModelStore(modelsDirectory);
        string source = file ?? Path.Combine(Path.GetDirectoryName(store.Directory) ?? ".", "samples", "articles.jsonl");
        if (!File.Exists(source))
        {
            throw new CommandInputException($"--articles: file '{source}' does not exist");
        }

        var names = new List<string>();
        for (int i = 0; context.Settings[$"nlp.pipeline.{i}"] is { } name; i++)
        {
            names.Add(name);
        }

        NlpPipeline pipeline;
        try
        {
            pipeline = NlpPipeline.Create(names, NlpComponentRegistry.CreateDefault(), store);
        }
        catch (PipelineConfigurationException e)
        {
            throw new Configuration.SettingsException(e.Message);
        }

        var reader = new ArticleReader(context.Settings.Bind<ArticleInputOptions>(ArticleInputOptions.SectionName));
        var baseDocuments = new List<StoryDocument>();
        await foreach (var result in reader.ReadFileAsync(source, cancellationToken))
        {
            if (result.IsRejected)
            {
                continue;
            }

            var document = new Document(result.Article.Content, result.Article.Id) { PublishedAt = result.Article.PublishedAt };
            pipeline.Process(document, cancellationToken);
            baseDocuments.Add(StoryDocument.From(document, result.Article.Title));
        }

        if (baseDocuments.Count == 0)
        {
            throw new CommandInputException($"--articles: '{source}' holds no accepted article");
        }

        await context.Error.WriteLineAsync($"analysed {baseDocuments.Count} base articles from {source}; growing to {size:N0} documents".AsMemory(), cancellationToken);
        var options = context.Settings.Bind<StoryOptions>(StoryOptions.SectionName);
        var (milliseconds, elapsed, liveBytes) = await Task.Factory.StartNew(
            () => Measure(baseDocuments, size, options, context.Error, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        double? at10k = MedianEndingAt(milliseconds, 10_000);
        double? at100k = MedianEndingAt(milliseconds, 100_000);
        double peakMegabytes = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        string output = asJson
            ? JsonText.Object(writer =>
            {
                Write(writer, "ms_per_document_at_10k", at10k);
                Write(writer, "ms_per_document_at_100k", at100k);
                writer.WriteNumber("peak_memory_mb", Math.Round(peakMegabytes));
                writer.WriteNumber("live_memory_mb", Math.Round(liveBytes / (1024.0 * 1024.0)));
                writer.WriteNumber("documents", size);
                writer.WriteNumber("base_documents", baseDocuments.Count);
                writer.WriteNumber("total_seconds", Math.Round(elapsed.TotalSeconds, 1));
            })
            : string.Create(
                CultureInfo.InvariantCulture,
                $"story engine on {size:N0} documents ({baseDocuments.Count} base articles from {source}, repeated)\n"
                + $"ms per document at 10k   {Show(at10k)}\nms per document at 100k  {Show(at100k)}\n"
                + $"peak memory              {peakMegabytes:N0} MB\nlive memory              {liveBytes / (1024.0 * 1024.0):N0} MB\n"
                + $"total                    {elapsed.TotalSeconds:F1} s");
        await context.Output.WriteLineAsync(output.AsMemory(), cancellationToken);
        return ExitCodes.Ok;
    }

    private static (double[] Milliseconds, TimeSpan Elapsed, long LiveBytes) Measure(
        List<StoryDocument> baseDocuments, int size, StoryOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var engine = new StoryEngine(options);
        var milliseconds = new double[size];
        var total = Stopwatch.StartNew();
        for (int n = 0; n < size; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var document = Copy(baseDocuments[n % baseDocuments.Count], n / baseDocuments.Count);
            long start = Stopwatch.GetTimestamp();
            engine.Add(document);
            milliseconds[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if ((n + 1) % 10_000 == 0)
            {
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n + 1:N0} documents, {total.Elapsed.TotalSeconds:F1} s"));
            }
        }

        var elapsed = total.Elapsed;
        long live = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(engine);
        return (milliseconds, elapsed, live);
    }

    /// <summary>Copy <paramref name="k"/> of a document: new id, dates shifted by k × 120 days, entity names suffixed with k in text and entities.</summary>
    private static StoryDocument Copy(StoryDocument document, int k)
    {
        if (k == 0)
        {
            return document;
        }

        string suffix = "q" + k.ToString(CultureInfo.InvariantCulture);
        string id = $"{document.Id}~{k}";
        string text = document.Text;
        string? title = document.Title;
        foreach (var name in document.Entities.Select(e => e.Text).Where(t => t.Length > 2).Distinct(StringComparer.Ordinal))
        {
            text = text.Replace(name, name + suffix, StringComparison.Ordinal);
            title = title?.Replace(name, name + suffix, StringComparison.Ordinal);
        }

        return new StoryDocument(
            id,
            title,
            text,
            document.PublishedAt?.AddDays(k * ShiftDays),
            [.. document.Entities.Select(e => e with { Text = e.Text.Length > 2 ? e.Text + suffix : e.Text })],
            [.. document.Events.Select(e => StoryEvent.For(id, e.Mention))]);
    }

    private static double? MedianEndingAt(double[] milliseconds, int end)
    {
        if (milliseconds.Length < end)
        {
            return null;
        }

        var window = milliseconds[(end - Window)..end];
        Array.Sort(window);
        return Math.Round((window[(Window / 2) - 1] + window[Window / 2]) / 2, 3);
    }

    private static void Write(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Show(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "- (corpus smaller)";
}
