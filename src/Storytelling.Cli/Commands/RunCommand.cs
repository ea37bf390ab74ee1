using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Storytelling.Embedded;
using Storytelling.Messaging.InProcess;
using Storytelling.Nlp.Models;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling run ARTICLES.jsonl [--out DIR] [--json]</c>: the whole pipeline in one process with no servers
/// (<see cref="EmbeddedRun"/>): cleaning, NLP, events, cross-document linking and storylines, written to the output
/// folder as JSONL files and a SQLite database. A progress bar on a terminal, progress lines otherwise (standard
/// error); a summary at the end (standard output).
/// </summary>
public static class RunCommand
{
    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var file = new Argument<string>("articles") { Description = "The articles, one JSON object per line (docs/input-format.md)." };
        var output = new Option<string?>("--out") { Description = "The output folder (default: run.output_dir, 'out'). Its output files are replaced." };
        var json = new Option<bool>("--json") { Description = "Print the summary as a JSON object." };
        var models = new Option<string?>("--models") { Description = "The models directory (default: the first models/ above the current directory, then above the executable)." };
        var command = new Command("run", "Run cleaning, NLP, events, linking and storylines on an article file in one process (no servers).")
        {
            file, output, json, models,
        };
        register(command, (context, cancellationToken) => RunAsync(
            context, context.ParseResult.GetValue(file)!, context.ParseResult.GetValue(output), context.ParseResult.GetValue(json),
            context.ModelsDirectory(context.ParseResult.GetValue(models)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string input, string? outputDir, bool asJson, string? modelsDir, CancellationToken cancellationToken)
    {
        if (!File.Exists(input))
        {
            throw new CommandInputException($"input file '{input}' does not exist");
        }

        if (modelsDir is not null && !Directory.Exists(modelsDir))
        {
            throw new CommandInputException($"--models: directory '{modelsDir}' does not exist");
        }

        var settings = context.Settings;
        var options = settings.Bind<EmbeddedRunOptions>(EmbeddedRunOptions.SectionName);
        var models = new ModelStore(modelsDir);
        using var loggers = LoggerFactory.Create(logging =>
        {
            CliLogging.Configure(logging, settings);
            logging.AddFilter(level => level >= LogLevel.Warning);
        });
        var run = EmbeddedComposition.Create(settings, models, NlpComposition.Pipeline(settings, models), loggers, new InProcessEventBus());
        var folder = outputDir ?? options.OutputDir;
        var summary = Console.IsErrorRedirected || !ReferenceEquals(context.Error, Console.Error)
            ? await RunWithProgressLinesAsync(run, input, folder, context.Error, cancellationToken)
            : await RunWithProgressBarAsync(run, input, folder, cancellationToken);
        await context.Output.WriteLineAsync((asJson ? SummaryJson(summary) : SummaryText(summary)).AsMemory(), cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<RunSummary> RunWithProgressBarAsync(EmbeddedRun run, string input, string folder, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        RunSummary? summary = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var cleaningTask = progress.AddTask("cleaning");
                var storiesTask = progress.AddTask("nlp + stories");
                var reporter = new Progress<RunProgress>(p =>
                {
                    var total = Math.Max(1, p.InputLines);
                    cleaningTask.MaxValue = total;
                    cleaningTask.Value = p.Read;
                    storiesTask.MaxValue = Math.Max(1, p.Cleaned);
                    storiesTask.Value = p.Analysed;
                    storiesTask.Description = string.Create(CultureInfo.InvariantCulture, $"nlp + stories: {p.Events} events, {p.Storylines} storylines");
                });
                summary = await run.RunAsync(input, folder, reporter, cancellationToken);
                cleaningTask.Value = cleaningTask.MaxValue;
                storiesTask.Value = storiesTask.MaxValue;
            });
        return summary!;
    }

    /// <summary>Progress lines on standard error when it is not a terminal: the first report, then at most one every 5 seconds, and the last.</summary>
    private static async Task<RunSummary> RunWithProgressLinesAsync(EmbeddedRun run, string input, string folder, TextWriter error, CancellationToken cancellationToken)
    {
        var since = Stopwatch.StartNew();
        RunProgress? latest = null;
        var printed = false;
        var reporter = new SynchronousProgress(p =>
        {
            latest = p;
            if (printed && since.Elapsed < TimeSpan.FromSeconds(5))
            {
                return;
            }

            printed = true;
            since.Restart();
            error.WriteLine(ProgressLine(p));
        });
        var summary = await run.RunAsync(input, folder, reporter, cancellationToken);
        if (latest is { } last)
        {
            await error.WriteLineAsync(ProgressLine(last).AsMemory(), cancellationToken);
        }

        return summary;
    }

    private static string ProgressLine(RunProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"progress: {p.Read}/{p.InputLines} lines read, {p.Cleaned} cleaned, {p.Rejected} rejected, {p.Analysed} analysed, {p.Events} events, {p.Storylines} storylines");

    private static string SummaryText(RunSummary s)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{s.Input}: {s.Lines} records, {s.Cleaned} cleaned ({s.Duplicates} duplicates marked), {s.Rejected} rejected"),
            string.Create(CultureInfo.InvariantCulture, $"analysed {s.Analysed} documents ({s.Tokens} tokens, {s.Failed} failed) in {s.Elapsed.TotalSeconds:F1} s: {s.DocumentsPerSecond:F1} documents/s"),
            string.Create(CultureInfo.InvariantCulture, $"{s.Events} events in {s.EventClusters} cross-document clusters ({s.Links} links), {s.Storylines} storylines"),
            "time per stage: " + string.Join(", ", s.StageSeconds.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F1} s"))),
            $"outputs in {s.OutputDir}:",
        };
        lines.AddRange(s.Files.Select(f => $"  {f.Key,-10} {f.Value}"));
        if (s.Rejected > 0)
        {
            lines.Add($"rejected records, each with its line and reason: {s.Files["rejected"]}");
        }

        return string.Join('\n', lines);
    }

    private static string SummaryJson(RunSummary s) => JsonText.Object(writer =>
    {
        writer.WriteString("input", s.Input);
        writer.WriteString("output_dir", s.OutputDir);
        writer.WriteNumber("records", s.Lines);
        writer.WriteNumber("cleaned", s.Cleaned);
        writer.WriteNumber("rejected", s.Rejected);
        writer.WriteNumber("duplicates", s.Duplicates);
        writer.WriteNumber("analysed", s.Analysed);
        writer.WriteNumber("failed", s.Failed);
        writer.WriteNumber("tokens", s.Tokens);
        writer.WriteNumber("events", s.Events);
        writer.WriteNumber("event_clusters", s.EventClusters);
        writer.WriteNumber("links", s.Links);
        writer.WriteNumber("storylines", s.Storylines);
        writer.WriteNumber("elapsed_seconds", Math.Round(s.Elapsed.TotalSeconds, 3));
        writer.WriteNumber("documents_per_second", Math.Round(s.DocumentsPerSecond, 1));
        writer.WriteStartObject("stage_seconds");
        foreach (var (stage, seconds) in s.StageSeconds)
        {
            writer.WriteNumber(stage, seconds);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("files");
        foreach (var (name, path) in s.Files)
        {
            writer.WriteString(name, path);
        }

        writer.WriteEndObject();
    });

    /// <summary>Reports on the caller's thread (System.Progress posts to the thread pool, which would reorder lines).</summary>
    private sealed class SynchronousProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        private readonly Lock _lock = new();

        public void Report(RunProgress value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
