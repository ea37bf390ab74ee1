using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Cleaning.Duplicates;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;

namespace Storytelling.Cli.Benchmarks;

/// <summary>
/// <c>storytelling bench cleaning [--json] [--articles N] [--seconds S]</c>: Stage 1 cleaning throughput on generated
/// news pages (<see cref="NewsArticleGenerator"/>), with the <c>stage1</c> cleaning settings. The work per document is
/// what a Stage 1 worker does before storing: the whole <see cref="ArticleCleaner"/> (HTML to text with boilerplate
/// removal, text normalization, quality filter, title/author/date normalization, language identification, content
/// hash), then the MinHash signature and LSH band keys of each accepted text. Figures:
/// <list type="bullet">
/// <item><c>docs_per_second_per_core</c>: one thread; documents divided by the process CPU time spent while it works
/// (other load on a shared machine does not count), the median of <see cref="Rounds"/> timed rounds after a warm-up as
/// long as a round;
/// <c>docs_per_second_one_thread_wall</c> is the same rounds by the wall clock;</item>
/// <item><c>docs_per_second_all_cores</c>: <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> on
/// <see cref="Environment.ProcessorCount"/> threads, wall clock, median of as many rounds;</item>
/// <item><c>mean_input_bytes</c> (UTF-8 HTML), <c>mean_output_chars</c> (cleaned text of accepted documents) and
/// <c>rejected_fraction</c>, with the rejections by code, from the first warm-up pass.</item>
/// </list>
/// Every round runs whole passes over the articles until <c>--seconds</c> have passed.
/// </summary>
public static class CleaningBenchmark
{
    public const int Rounds = 3;

    public static Command CreateCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of text." };
        var articles = new Option<int>("--articles") { Description = "Generated news pages to clean (the same pages for the same count).", DefaultValueFactory = _ => 2_000 };
        var seconds = new Option<double>("--seconds") { Description = "Minimum length of each timed round.", DefaultValueFactory = _ => 2.0 };
        var models = new Option<string?>("--models") { Description = "The models directory (default: the first models/ above the current directory, then above the executable)." };
        var output = new Option<string?>("--output") { Description = "Also write the JSON object to this file." };
        var jobArticles = new Option<int>("--job-articles")
        {
            Description = "Articles of the job run through workers into PostgreSQL (needs the configured Redis and PostgreSQL; 0 = skip it).",
            DefaultValueFactory = _ => 10_000,
        };
        var jobWorkers = new Option<int>("--job-workers") { Description = "Cleaning workers in this process for the job run.", DefaultValueFactory = _ => 1 };
        var command = new Command("cleaning", "Measure Stage 1 cleaning throughput: the steps per core and on all cores, and a whole job through workers into PostgreSQL.")
        {
            json, articles, seconds, models, output, jobArticles, jobWorkers,
        };
        register(command, async (context, cancellationToken) =>
        {
            var parse = context.ParseResult;
            try
            {
                return await RunAsync(context, parse.GetValue(articles), parse.GetValue(seconds), context.ModelsDirectory(parse.GetValue(models)), parse.GetValue(json), parse.GetValue(output),
                    parse.GetValue(jobArticles), parse.GetValue(jobWorkers), cancellationToken);
            }
            catch (ModelLoadException e)
            {
                await context.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, int articleCount, double seconds, string? modelsDirectory, bool asJson, string? outputPath, int jobArticles, int jobWorkers,
        CancellationToken cancellationToken)
    {
        if (jobArticles is < 0 or > 1_000_000)
        {
            throw new CommandInputException($"--job-articles {jobArticles}: allowed 0 to 1000000");
        }

        if (jobWorkers is < 1 or > 64)
        {
            throw new CommandInputException($"--job-workers {jobWorkers}: allowed 1 to 64");
        }

        if (articleCount is < 1 or > 1_000_000)
        {
            throw new CommandInputException($"--articles {articleCount}: allowed 1 to 1000000");
        }

        if (seconds is <= 0 or > 600)
        {
            throw new CommandInputException($"--seconds {seconds.ToString(CultureInfo.InvariantCulture)}: allowed above 0, up to 600");
        }

        var options = context.Settings.Bind<CleaningOptions>(CleaningOptions.SectionName);
        var store = new ModelStore(modelsDirectory);
        var work = new CleaningWork(
            ArticleCleaner.Create(options, store.Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load)),
            new MinHasher(options.ToNearDuplicateOptions()));
        var generator = new NewsArticleGenerator();
        await context.Error.WriteLineAsync($"bench cleaning: generating {articleCount:N0} news pages (seed {generator.Seed})");
        var articles = generator.Generate(articleCount);
        var round = TimeSpan.FromSeconds(seconds);

        var cleaner = await Task.Factory.StartNew(
            () => MeasureCleaner(work, articles, round, context.Error, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var job = jobArticles > 0 ? await CleaningJobBenchmark.RunAsync(context, jobArticles, jobWorkers, modelsDirectory, cancellationToken) : null;
        var report = Report(cleaner, job, options, articleCount, generator.Seed, seconds, store.PathOf(LanguageIdentifier.ComponentName));
        if (outputPath is not null)
        {
            await File.WriteAllTextAsync(outputPath, report + Environment.NewLine, cancellationToken);
        }

        await context.Output.WriteLineAsync((asJson ? report : Text(report)).AsMemory(), cancellationToken);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The warm-up (a pass that also gives the document statistics, then passes for one round's time, so the JIT has
    /// compiled the hot paths at full optimization), then the one-thread and all-core rounds.
    /// </summary>
    private static CleanerFigures MeasureCleaner(CleaningWork work, List<Article> articles, TimeSpan round, TextWriter progress, CancellationToken cancellationToken)
    {
        long inputBytes = 0, outputChars = 0;
        var rejections = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            inputBytes += Encoding.UTF8.GetByteCount(article.Content);
            var (chars, rejection) = work.Clean(article);
            outputChars += chars;
            if (rejection is not null)
            {
                rejections[rejection] = rejections.GetValueOrDefault(rejection) + 1;
            }
        }

        TimeOneThread(work, articles, round, cancellationToken);
        var rejected = rejections.Values.Sum();
        var accepted = articles.Count - rejected;
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench cleaning: warm-up done, {accepted} accepted, {rejected} rejected; {Rounds} rounds of at least {round.TotalSeconds} s each on one thread, then on {Environment.ProcessorCount} threads"));

        var oneThread = new List<(double PerCore, double Wall)>();
        for (var i = 0; i < Rounds; i++)
        {
            oneThread.Add(TimeOneThread(work, articles, round, cancellationToken));
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench cleaning: one thread, round {i + 1}: {oneThread[^1].PerCore:N0} docs/s per core ({oneThread[^1].Wall:N0} wall)"));
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, articles.Count, parallel, i => work.Clean(articles[i]));
        var allCores = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            allCores.Add(TimeAllCores(work, articles, round, parallel));
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench cleaning: {parallel.MaxDegreeOfParallelism} threads, round {i + 1}: {allCores[^1]:N0} docs/s"));
        }

        return new CleanerFigures(
            Median(oneThread.Select(r => r.PerCore)),
            Median(oneThread.Select(r => r.Wall)),
            Median(allCores),
            [.. oneThread.Select(r => Math.Round(r.PerCore))],
            [.. allCores.Select(r => Math.Round(r))],
            (double)inputBytes / articles.Count,
            accepted == 0 ? 0 : (double)outputChars / accepted,
            (double)rejected / articles.Count,
            rejections);
    }

    private static (double PerCore, double Wall) TimeOneThread(CleaningWork work, List<Article> articles, TimeSpan round, CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        long documents = 0;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var article in articles)
            {
                work.Clean(article);
            }

            documents += articles.Count;
        }
        while (Stopwatch.GetElapsedTime(started) < round);

        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        return (documents / Math.Max(cpu, 1e-9), documents / wall);
    }

    private static double TimeAllCores(CleaningWork work, List<Article> articles, TimeSpan round, ParallelOptions parallel)
    {
        var started = Stopwatch.GetTimestamp();
        long documents = 0;
        do
        {
            Parallel.For(0, articles.Count, parallel, i => work.Clean(articles[i]));
            documents += articles.Count;
        }
        while (Stopwatch.GetElapsedTime(started) < round);

        return documents / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return Math.Round(sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    private static string Report(
        CleanerFigures cleaner, CleaningJobBenchmark.Figures? job, CleaningOptions options, int articles, int seed, double seconds, string languageModel) =>
        JsonText.Object(writer =>
        {
            writer.WriteString("benchmark", "cleaning");
            WriteCleanerFigures(writer, cleaner);
            if (job is not null)
            {
                CleaningJobBenchmark.Write(writer, job);
            }

            writer.WriteStartObject("settings");
            writer.WriteNumber("articles", articles);
            writer.WriteNumber("generator_seed", seed);
            writer.WriteNumber("generator_stub_share", NewsArticleGenerator.DefaultStubShare);
            writer.WriteNumber("rounds", Rounds);
            writer.WriteNumber("seconds_per_round", seconds);
            writer.WriteString("warm_up", "one pass over the articles (the document figures), then passes for seconds_per_round on one thread and one pass on all cores");
            writer.WriteNumber("all_cores_threads", Environment.ProcessorCount);
            writer.WriteNumber("min_text_chars", options.MinTextChars);
            writer.WriteNumber("future_date_tolerance_minutes", options.FutureDateToleranceMinutes);
            writer.WriteNumber("minhash_permutations", options.MinhashPermutations);
            writer.WriteNumber("lsh_bands", options.LshBands);
            writer.WriteString("language_model", languageModel);
            writer.WriteEndObject();
            WriteMachine(writer);
            writer.WriteString("time", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        });

    private static void WriteCleanerFigures(Utf8JsonWriter writer, CleanerFigures figures)
    {
        writer.WriteNumber("docs_per_second_per_core", figures.PerCore);
        writer.WriteNumber("docs_per_second_all_cores", figures.AllCores);
        writer.WriteNumber("docs_per_second_one_thread_wall", figures.OneThreadWall);
        writer.WriteNumber("mean_input_bytes", Math.Round(figures.MeanInputBytes));
        writer.WriteNumber("mean_output_chars", Math.Round(figures.MeanOutputChars));
        writer.WriteNumber("rejected_fraction", Math.Round(figures.RejectedFraction, 4));
        writer.WriteStartObject("rejections");
        foreach (var (code, count) in figures.Rejections)
        {
            writer.WriteNumber(code, count);
        }

        writer.WriteEndObject();
        writer.WriteString("per_document",
            "ArticleCleaner (html_to_text with boilerplate removal, text normalization, quality filter, title/author/date normalization, language id, content hash) + MinHash signature and LSH band keys");
        writer.WriteString("per_core_clock", "process CPU time while one thread works");
        WriteArray(writer, "rounds_per_core", figures.PerCoreRounds);
        WriteArray(writer, "rounds_all_cores", figures.AllCoreRounds);
    }

    private static void WriteMachine(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("machine");
        writer.WriteNumber("cores", Environment.ProcessorCount);
        writer.WriteString("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription);
        writer.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
        if (LoadAverage() is { } load)
        {
            writer.WriteNumber("load_average_1m", load);
        }
        else
        {
            writer.WriteNull("load_average_1m");
        }

        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    private static string Text(string report)
    {
        using var document = JsonDocument.Parse(report);
        var root = document.RootElement;
        string Value(string name) => root.GetProperty(name).ToString();
        var settings = root.GetProperty("settings");
        var machine = root.GetProperty("machine");
        var job = root.TryGetProperty("job", out var run)
            ? $"\njob: {Value("job_docs_per_second")} docs/s for {run.GetProperty("articles")} articles through {run.GetProperty("workers")} worker(s) into PostgreSQL ({run.GetProperty("seconds")} s, submission {run.GetProperty("submit_seconds")} s)"
            : "";
        return $"""
            cleaning: {Value("docs_per_second_per_core")} docs/s per core (one thread: {Value("docs_per_second_one_thread_wall")} docs/s wall), {Value("docs_per_second_all_cores")} docs/s on {settings.GetProperty("all_cores_threads")} threads
            per document: {Value("per_document")}
            {settings.GetProperty("articles")} generated pages: mean {Value("mean_input_bytes")} bytes of HTML in, {Value("mean_output_chars")} characters of text out, rejected fraction {Value("rejected_fraction")} {root.GetProperty("rejections")}
            median of {settings.GetProperty("rounds")} rounds of at least {settings.GetProperty("seconds_per_round")} s; load average {machine.GetProperty("load_average_1m")} on {machine.GetProperty("cores")} cores
            """ + job;
    }

    /// <summary>The 1-minute load average from <c>/proc/loadavg</c>, or null where there is none.</summary>
    private static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>One document's work: clean it, then sign the accepted text for near-duplicate detection.</summary>
    private sealed class CleaningWork(ArticleCleaner cleaner, MinHasher hasher)
    {
        private static readonly DateTimeOffset IngestedAt = NewsArticleGenerator.LatestPublication;

        /// <summary>The cleaned text's length, or 0 and the rejection code.</summary>
        public (int OutputChars, string? Rejection) Clean(Article article)
        {
            if (!cleaner.TryClean(article, IngestedAt, out var document, out var rejection))
            {
                return (0, rejection.Code);
            }

            _ = hasher.BandKeys(hasher.Signature(document.Text));
            return (document.Text.Length, null);
        }
    }

    private sealed record CleanerFigures(
        double PerCore,
        double OneThreadWall,
        double AllCores,
        double[] PerCoreRounds,
        double[] AllCoreRounds,
        double MeanInputBytes,
        double MeanOutputChars,
        double RejectedFraction,
        IReadOnlyDictionary<string, int> Rejections);
}
