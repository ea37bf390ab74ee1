using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Storytelling.Articles;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling input check FILE [--rejected OUT] [--json]</c>: reads an article file the way every stage does and
/// reports what was accepted and what was rejected, with file, line and reason; rejected records can be kept as JSONL.
/// </summary>
public static class InputCommand
{
    private const int ShownRejections = 10;

    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var file = new Argument<string>("file") { Description = "The articles, one JSON object per line (docs/input-format.md)." };
        var rejected = new Option<string?>("--rejected") { Description = "Write every rejected record, with its reason, to this JSONL file." };
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of text." };
        var check = new Command("check", "Read an article file and report accepted and rejected records (exit 2 when any line is rejected).")
        {
            file,
            rejected,
            json,
        };
        register(check, (context, cancellationToken) => CheckAsync(
            context, context.ParseResult.GetValue(file)!, context.ParseResult.GetValue(rejected), context.ParseResult.GetValue(json), cancellationToken));
        return new Command("input", "Work with article input files.") { check };
    }

    private static async Task<int> CheckAsync(CliContext context, string path, string? rejectedPath, bool asJson, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CommandInputException($"input file '{path}' does not exist");
        }

        var reader = new ArticleReader(context.Settings.Bind<ArticleInputOptions>(ArticleInputOptions.SectionName));
        var statistics = new ArticleReadStatistics();
        var firstRejections = new List<RejectedRecord>();
        var stopwatch = Stopwatch.StartNew();
        if (rejectedPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(rejectedPath))!);
            File.Delete(rejectedPath);
        }

        await using (var rejectedWriter = rejectedPath is null ? null : RejectedRecordWriter.AppendToFile(rejectedPath))
        {
            await foreach (var result in reader.ReadFileAsync(path, statistics, cancellationToken))
            {
                if (!result.IsRejected)
                {
                    continue;
                }

                if (firstRejections.Count < ShownRejections)
                {
                    firstRejections.Add(result.Rejected);
                }

                if (rejectedWriter is not null)
                {
                    await rejectedWriter.WriteAsync(result.Rejected, cancellationToken);
                }
            }
        }

        stopwatch.Stop();
        if (asJson)
        {
            await WriteJsonAsync(context.Output, path, rejectedPath, statistics, firstRejections, stopwatch.Elapsed, cancellationToken);
        }
        else
        {
            await WriteTextAsync(context.Output, path, rejectedPath, statistics, firstRejections, stopwatch.Elapsed, cancellationToken);
        }

        return statistics.Rejected == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    private static async Task WriteTextAsync(TextWriter output, string path, string? rejectedPath, ArticleReadStatistics statistics,
        List<RejectedRecord> firstRejections, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var lines = new List<string>
        {
            $"{path}: {statistics.LinesRead} lines, {statistics.Articles} articles accepted, {statistics.Rejected} rejected, " +
            $"{statistics.BlankLines} blank lines skipped ({elapsed.TotalMilliseconds:F0} ms)",
        };
        lines.AddRange(firstRejections.Select(r => $"  rejected {r.File}:{r.Line} [{r.Code}] {r.Reason}"));
        if (statistics.Rejected > firstRejections.Count)
        {
            lines.Add($"  ... and {statistics.Rejected - firstRejections.Count} more");
        }

        if (rejectedPath is not null)
        {
            lines.Add($"rejected records written to {rejectedPath}");
        }

        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.AsMemory(), cancellationToken);
        }
    }

    private static async Task WriteJsonAsync(TextWriter output, string path, string? rejectedPath, ArticleReadStatistics statistics,
        List<RejectedRecord> firstRejections, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var json = JsonText.Object(writer =>
        {
            writer.WriteString("file", path);
            writer.WriteNumber("lines", statistics.LinesRead);
            writer.WriteNumber("accepted", statistics.Articles);
            writer.WriteNumber("rejected", statistics.Rejected);
            writer.WriteNumber("blank_lines", statistics.BlankLines);
            writer.WriteNumber("elapsed_ms", Math.Round(elapsed.TotalMilliseconds, 1));
            if (rejectedPath is not null)
            {
                writer.WriteString("rejected_file", rejectedPath);
            }

            writer.WriteStartArray("first_rejections");
            foreach (var record in firstRejections)
            {
                writer.WriteStartObject();
                writer.WriteString("file", record.File);
                writer.WriteNumber("line", record.Line);
                writer.WriteString("code", record.Code);
                writer.WriteString("reason", record.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
        await output.WriteLineAsync(json.AsMemory(), cancellationToken);
    }
}
