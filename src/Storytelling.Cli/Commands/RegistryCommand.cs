using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Storytelling.Metadata;
using Storytelling.Redis;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling registry jobs|documents|events|lineage</c>: the metadata registry's read side (docs/registry.md)
/// from the command line, through the primary and cache of section <c>metadata_registry</c> (the seed's
/// <c>POSTGRES_*</c>, <c>METADATA_*</c> and <c>REDIS_*</c> names apply) on the <c>redis</c> section's server. Each prints
/// a table, or with <c>--json</c> one JSON document shaped as the read API's answer. A bad option is exit 2 naming it; a
/// registry that does not answer is exit 1 naming where it was looked for.
/// </summary>
public static class RegistryCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly Func<string, string> OptionName = name => "--" + name;

    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        return new Command("registry", "Read the metadata registry: jobs per stage, a job's documents, events, lineage.")
        {
            JobsCommand(register),
            DocumentsCommand(register),
            EventsCommand(register),
            LineageCommand(register),
        };
    }

    /// <summary>The registry's settings (section <c>metadata_registry</c>) and the <c>redis</c> section its cache lives on.</summary>
    public static (MetadataRegistryOptions Registry, RedisOptions Redis) Settings(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.Settings.Bind<MetadataRegistryOptions>(MetadataRegistryOptions.SectionName), context.Settings.Bind<RedisOptions>(RedisOptions.SectionName));
    }

    private static Command JobsCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var stage = Text("--stage", "Only jobs of this stage: stage1 or stage2.");
        var status = Text("--status", "Only jobs with this status: running, completed or failed.");
        var since = Text("--since", "Only jobs created at or after this: a date (2026-11-23) or an ISO 8601 date and time.");
        var until = Text("--until", "Only jobs created before this: a date (through the whole day) or an ISO 8601 date and time.");
        var limit = Limit();
        var json = JsonOption();
        var command = new Command("jobs", "Jobs by stage, status and creation time, newest first.") { stage, status, since, until, limit, json };
        register(command, (context, token) =>
        {
            var result = context.ParseResult;
            var query = Checked(RegistryQueryParser.TryJobs(
                result.GetValue(stage), result.GetValue(status), result.GetValue(since), result.GetValue(until), result.GetValue(limit), OptionName, out var q), q);
            return WithReaderAsync(context, async reader =>
            {
                var jobs = await reader.ListJobsAsync(query, token);
                return result.GetValue(json)
                    ? Serialize(new { count = jobs.Count, jobs })
                    : Table(jobs.Count == 0 ? "no jobs" : $"{jobs.Count} job(s), newest first", JobRows(jobs));
            }, token);
        });
        return command;
    }

    private static Command DocumentsCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var job = new Option<string>("--job", "-j") { Description = "The job whose documents to list (job-...).", Required = true };
        var limit = Limit();
        var json = JsonOption();
        var command = new Command("documents", "A job's documents, by id.") { job, limit, json };
        register(command, (context, token) =>
        {
            var result = context.ParseResult;
            var jobId = result.GetValue(job)!;
            var count = Checked(RegistryQueryParser.TryLimit(result.GetValue(limit), OptionName, out var n), n);
            return WithReaderAsync(context, async reader =>
            {
                var documents = await reader.DocumentsOfJobAsync(jobId, count, token);
                return result.GetValue(json)
                    ? Serialize(new { job_id = jobId, count = documents.Count, documents })
                    : Table(documents.Count == 0 ? $"no documents of {jobId}" : $"{documents.Count} document(s) of {jobId}", DocumentRows(documents));
            }, token);
        });
        return command;
    }

    private static Command EventsCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var document = Text("--document", "Only events of this document id.");
        var type = Text("--type", "Only events of this type.");
        var from = Text("--from", "Only events dated at or after this: a date (2026-11-23) or an ISO 8601 date and time.");
        var to = Text("--to", "Only events dated before this: a date (through the whole day) or an ISO 8601 date and time.");
        var storyline = Text("--storyline", "Only events of this storyline id.");
        var limit = Limit();
        var json = JsonOption();
        var command = new Command("events", "Events by document, type, date range and storyline, by date.") { document, type, from, to, storyline, limit, json };
        register(command, (context, token) =>
        {
            var result = context.ParseResult;
            var query = Checked(RegistryQueryParser.TryEvents(
                result.GetValue(document), result.GetValue(type), result.GetValue(from), result.GetValue(to), result.GetValue(storyline),
                result.GetValue(limit), OptionName, out var q), q);
            return WithReaderAsync(context, async reader =>
            {
                IReadOnlyList<EventMetadata> events;
                try
                {
                    events = await reader.ListEventsAsync(query, token);
                }
                catch (NotSupportedException e)
                {
                    throw new CommandInputException(e.Message, e);
                }

                return result.GetValue(json)
                    ? Serialize(new { count = events.Count, events })
                    : Table(events.Count == 0 ? "no events" : $"{events.Count} event(s), by date", EventRows(events));
            }, token);
        });
        return command;
    }

    private static Command LineageCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var document = Text("--document", "The document whose lineage to show: its jobs, rows, events and their storylines.");
        var storyline = Text("--storyline", "The storyline whose lineage to show: its events, their documents and those documents' jobs.");
        var openLineage = new Option<bool>("--openlineage") { Description = "Print the run history of the lineage's jobs as OpenLineage 2-0-2 run events instead." };
        var json = JsonOption();
        var command = new Command("lineage", "Where a document or storyline came from: jobs → documents → events → storylines.") { document, storyline, openLineage, json };
        register(command, (context, token) =>
        {
            var result = context.ParseResult;
            var (documentId, storylineId) = (Blank(result.GetValue(document)), Blank(result.GetValue(storyline)));
            if ((documentId is null) == (storylineId is null))
            {
                throw new CommandInputException("give one of --document ID or --storyline ID");
            }

            var what = documentId is not null ? $"document {documentId}" : $"storyline {storylineId}";
            return WithReaderAsync(context, async reader =>
            {
                var lineage = documentId is not null
                    ? await reader.LineageOfDocumentAsync(documentId, token)
                    : await reader.LineageOfStorylineAsync(storylineId!, token);
                if (result.GetValue(openLineage))
                {
                    var runs = new List<RunRecord>();
                    foreach (var jobId in lineage.Jobs.Select(j => j.JobId).Distinct(StringComparer.Ordinal))
                    {
                        runs.AddRange(await reader.RunsAsync(jobId, token));
                    }

                    runs.Sort((a, b) => a.EventTime.CompareTo(b.EventTime));
                    return result.GetValue(json)
                        ? Serialize(new { run_events = runs.Select(OpenLineageEvents.RunEvent) })
                        : Table(runs.Count == 0 ? $"no runs recorded for {what}" : $"{runs.Count} OpenLineage run event(s) of {what}'s jobs", RunRows(runs));
                }

                return result.GetValue(json) ? Serialize(lineage) : LineageText(what, lineage);
            }, token);
        });
        return command;
    }

    /// <summary>Opens a reader on the configured registry, prints what <paramref name="read"/> returns; a registry that does not answer is exit 1 naming it.</summary>
    private static async Task<int> WithReaderAsync(CliContext context, Func<MetadataReader, Task<string>> read, CancellationToken cancellationToken)
    {
        var (options, redis) = Settings(context);
        using var loggers = CliLogging.Create(context.Settings);
        await using var reader = MetadataReader.Open(options, redis, loggers, createDatabase: false);
        string text;
        try
        {
            text = await read(reader);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or RedisException or SocketException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            var where = e is RedisException ? reader.CacheDescription ?? reader.PrimaryDescription : reader.PrimaryDescription;
            await context.Error.WriteLineAsync($"error: reading the metadata registry at {where} failed: {e.Message} (settings metadata_registry.*, redis.*)");
            return ExitCodes.Failure;
        }
        catch (MetadataRegistryNotFoundException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failure;
        }

        await context.Output.WriteLineAsync(text.AsMemory(), cancellationToken);
        return ExitCodes.Ok;
    }

    private static T Checked<T>(string? problem, T value) => problem is null ? value : throw new CommandInputException(problem);

    private static Option<string?> Text(string name, string description) => new(name) { Description = description };

    private static Option<string?> Limit() =>
        new("--limit") { Description = $"At most this many rows: 1-{MetadataReader.MaxLimit} (default {RegistryQueryParser.DefaultLimit})." };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON document (the read API's shape) instead of a table." };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private static string Date(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static IEnumerable<string[]> JobRows(IReadOnlyList<JobMetadata> jobs) =>
        jobs.Select(j => new[]
        {
            j.JobId, j.Stage, j.Status, j.BatchId ?? "-", j.DocumentCount?.ToString(CultureInfo.InvariantCulture) ?? "-", Time(j.CreatedAt), Time(j.CompletedAt),
            j.ErrorMessage ?? "",
        }).Prepend(["JOB", "STAGE", "STATUS", "BATCH", "DOCUMENTS", "CREATED", "COMPLETED", "ERROR"]);

    private static IEnumerable<string[]> DocumentRows(IReadOnlyList<DocumentMetadata> documents) =>
        documents.Select(d => new[] { d.DocumentId, Date(d.PublicationDate), d.Source ?? "-", d.Language ?? "-", d.Title ?? "" })
            .Prepend(["DOCUMENT", "PUBLISHED", "SOURCE", "LANGUAGE", "TITLE"]);

    private static IEnumerable<string[]> EventRows(IReadOnlyList<EventMetadata> events) =>
        events.Select(e => new[] { e.EventId, Date(e.EventDate), e.EventType ?? "-", e.DocumentId, e.StorylineId ?? "-", e.Description ?? "" })
            .Prepend(["EVENT", "DATE", "TYPE", "DOCUMENT", "STORYLINE", "DESCRIPTION"]);

    private static IEnumerable<string[]> RunRows(IReadOnlyList<RunRecord> runs) =>
        runs.Select(r => new[] { Time(r.EventTime), r.EventType, $"storytelling.{r.Stage}", r.JobId, r.RunId.ToString(), r.ErrorMessage ?? "" })
            .Prepend(["TIME", "EVENT", "JOB NAME", "JOB", "RUN", "ERROR"]);

    private static string LineageText(string what, Lineage lineage)
    {
        if (lineage.Documents.Count == 0 && lineage.Events.Count == 0)
        {
            return $"the registry holds nothing of {what}";
        }

        var text = new StringBuilder();
        text.AppendLine(Table($"lineage of {what}: {lineage.Jobs.Count} job row(s)", JobRows(lineage.Jobs)));
        text.AppendLine(Table($"{lineage.Documents.Count} document(s)", DocumentRows(lineage.Documents)));
        text.AppendLine(Table($"{lineage.Events.Count} event(s)", EventRows(lineage.Events)));
        text.Append(CultureInfo.InvariantCulture, $"storylines: {(lineage.Storylines.Count == 0 ? "none" : string.Join(", ", lineage.Storylines))}");
        return text.ToString();
    }

    /// <summary>A title line, then the rows (the first is the header) in columns padded to their widest cell; no rows past the header prints only the title.</summary>
    private static string Table(string title, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var text = new StringBuilder(title);
        if (all.Count <= 1)
        {
            return text.ToString();
        }

        var widths = Enumerable.Range(0, all[0].Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        foreach (var row in all)
        {
            text.Append('\n').Append(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }

        return text.ToString();
    }
}
