using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Storytelling.Stage2;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling backends failures [--job-id ID] [--json]</c> and <c>storytelling backends replay [--job-id ID] [--json]</c>:
/// what Stage 2's optional storage backends (<c>stage2.storage_backends</c>: jsonl, elasticsearch) missed, kept in
/// <c>stage2.backend_failures</c>, and writing it again from PostgreSQL once the backend is back (docs/stage2.md).
/// </summary>
public static class BackendsCommand
{
    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var failuresJob = JobOption();
        var failuresJson = JsonOption();
        var failures = new Command("failures", "List the writes Stage 2's optional backends missed, oldest first (stage2.backend_failures).")
        {
            failuresJob,
            failuresJson,
        };
        register(failures, (context, token) => FailuresAsync(context, context.ParseResult.GetValue(failuresJob), context.ParseResult.GetValue(failuresJson), token));

        var replayJob = JobOption();
        var replayJson = JsonOption();
        var replay = new Command("replay", "Write what the optional backends missed again, from PostgreSQL; exit 1 when a write fails again.")
        {
            replayJob,
            replayJson,
        };
        register(replay, (context, token) => ReplayAsync(context, context.ParseResult.GetValue(replayJob), context.ParseResult.GetValue(replayJson), token));

        return new Command("backends", "Stage 2's storage backends: what the optional ones missed, and writing it again.") { failures, replay };
    }

    private static Option<string?> JobOption() => new("--job-id", "-j") { Description = "Only this Stage 1 job's documents (default: every job)." };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print a JSON object instead of text." };

    private static async Task<int> FailuresAsync(CliContext context, string? jobId, bool asJson, CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(context.Settings);
        await using var runtime = await Stage2Runtime.StartAsync(Stage2Composition.Settings(context), loggers, cancellationToken);
        var failures = await runtime.Store.ReadBackendFailuresAsync(jobId, cancellationToken);
        var text = asJson
            ? JsonText.Object(writer =>
            {
                writer.WriteNumber("total", failures.Count);
                writer.WriteStartArray("failures");
                foreach (var f in failures)
                {
                    writer.WriteStartObject();
                    WriteWhere(writer, f.Backend, f.JobId, f.Line, f.DocumentId);
                    writer.WriteString("error", f.Error);
                    writer.WriteString("failed_at", f.FailedAt);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            })
            : string.Join('\n', failures
                .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.FailedAt:u}  {f.Backend}  {Where(f.JobId, f.Line, f.DocumentId)}: {f.Error}"))
                .Prepend(failures.Count == 0 ? "no backend failures" : $"{failures.Count} backend failure(s); 'storytelling backends replay' writes them again"));
        await context.Output.WriteLineAsync(text.AsMemory(), cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<int> ReplayAsync(CliContext context, string? jobId, bool asJson, CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(context.Settings);
        await using var runtime = await Stage2Runtime.StartAsync(Stage2Composition.Settings(context), loggers, cancellationToken);
        var results = await runtime.Backends.ReplayAsync(jobId, cancellationToken);
        int Count(string outcome) => results.Count(r => r.Outcome == outcome);
        var text = asJson
            ? JsonText.Object(writer =>
            {
                writer.WriteNumber("written", Count("written"));
                writer.WriteNumber("failed", Count("failed"));
                writer.WriteNumber("skipped", Count("skipped"));
                writer.WriteStartArray("results");
                foreach (var r in results)
                {
                    writer.WriteStartObject();
                    WriteWhere(writer, r.Backend, r.JobId, r.Line, r.DocumentId);
                    writer.WriteString("outcome", r.Outcome);
                    writer.WriteString("error", r.Error);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            })
            : string.Join('\n', results
                .Select(r => $"{r.Outcome}  {r.Backend}  {Where(r.JobId, r.Line, r.DocumentId)}{(r.Error is null ? "" : ": " + r.Error)}")
                .Prepend(string.Create(CultureInfo.InvariantCulture, $"{Count("written")} written, {Count("failed")} failed again, {Count("skipped")} skipped")));
        await context.Output.WriteLineAsync(text.AsMemory(), cancellationToken);
        return Count("failed") > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static void WriteWhere(Utf8JsonWriter writer, string backend, string jobId, long? line, string? documentId)
    {
        writer.WriteString("backend", backend);
        writer.WriteString("job_id", jobId);
        if (line is { } n)
        {
            writer.WriteNumber("line", n);
        }
        else
        {
            writer.WriteNull("line");
        }

        writer.WriteString("document_id", documentId);
    }

    private static string Where(string jobId, long? line, string? documentId) =>
        line is { } n ? string.Create(CultureInfo.InvariantCulture, $"{jobId} line {n} ({documentId})") : $"{jobId} (job output)";
}
