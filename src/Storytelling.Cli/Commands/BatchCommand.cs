using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Storytelling.Stage1;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage1.Storage;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling batch submit -f FILE -b BATCH_ID -c N [--wait] [--json]</c> and
/// <c>storytelling batch status -j JOB_ID [--json]</c>: Stage 1 jobs, straight against Redis and PostgreSQL
/// (the same <see cref="JobSubmitter"/> as <c>POST /v1/jobs</c>). Workers (<c>storytelling serve --role stage1-worker</c>) do the cleaning.
/// </summary>
public static class BatchCommand
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var file = new Option<string>("--file", "-f") { Description = "The articles, one JSON object per line (docs/input-format.md).", Required = true };
        var batch = new Option<string>("--batch-id", "-b") { Description = "The batch the input belongs to (kept with the job and its documents).", Required = true };
        var concurrency = new Option<int>("--concurrency", "-c")
        {
            Description = "Articles of this job one worker process cleans at once (1-256).",
            DefaultValueFactory = _ => 4,
        };
        var wait = new Option<bool>("--wait") { Description = "Wait until the job is completed or failed, showing progress; exit 1 if it failed." };
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of text." };
        var submit = new Command("submit", "Submit a JSONL file as a Stage 1 cleaning job and print its id.") { file, batch, concurrency, wait, json };
        register(submit, (context, cancellationToken) => SubmitAsync(context, context.ParseResult.GetValue(file)!, context.ParseResult.GetValue(batch)!,
            context.ParseResult.GetValue(concurrency), context.ParseResult.GetValue(wait), context.ParseResult.GetValue(json), cancellationToken));

        var job = new Option<string>("--job-id", "-j") { Description = "The job id that submit printed.", Required = true };
        var statusJson = new Option<bool>("--json") { Description = "Print a JSON object instead of text." };
        var status = new Command("status", "Show a job's state, counts, timings and first rejections.") { job, statusJson };
        register(status, (context, cancellationToken) => StatusAsync(context, context.ParseResult.GetValue(job)!, context.ParseResult.GetValue(statusJson), cancellationToken));

        return new Command("batch", "Stage 1 cleaning jobs: submit a file, follow its status.") { submit, status };
    }

    private static async Task<int> SubmitAsync(
        CliContext context, string path, string batchId, int concurrency, bool wait, bool asJson, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CommandInputException($"--file '{path}': no such file");
        }

        if (concurrency is < 1 or > JobRequest.MaxConcurrency)
        {
            throw new CommandInputException($"--concurrency {concurrency}: allowed 1 to {JobRequest.MaxConcurrency}");
        }

        if (string.IsNullOrWhiteSpace(batchId))
        {
            throw new CommandInputException("--batch-id must not be empty");
        }

        using var loggers = CliLogging.Create(context.Settings);
        await using var runtime = await Stage1Runtime.StartAsync(Stage1Composition.Settings(context), loggers, cancellationToken);
        JobRecord job;
        await using (var input = File.OpenRead(path))
        {
            job = await runtime.Submitter.SubmitAsync(new JobRequest(batchId, concurrency, Path.GetFullPath(path)), input, cancellationToken);
        }

        if (wait)
        {
            job = await WaitAsync(context, runtime, job, cancellationToken);
        }

        await Print(context, job, asJson, cancellationToken);
        return job.State == JobState.Failed ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static async Task<int> StatusAsync(CliContext context, string jobId, bool asJson, CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(context.Settings);
        await using var runtime = await Stage1Runtime.StartAsync(Stage1Composition.Settings(context), loggers, cancellationToken);
        var job = await runtime.Store.GetJobAsync(jobId, 10, cancellationToken)
            ?? throw new CommandInputException($"--job-id '{jobId}': no such job in database {runtime.Settings.Postgres.Database}");
        await Print(context, job, asJson, cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task<JobRecord> WaitAsync(CliContext context, Stage1Runtime runtime, JobRecord job, CancellationToken cancellationToken)
    {
        var last = "";
        while (job.State is JobState.Queued or JobState.Running)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{job.Id}: {job.State.ToString().ToLowerInvariant()}, {job.Cleaned + job.Rejected} of {job.Submitted?.ToString(CultureInfo.InvariantCulture) ?? "?"} done ({job.Cleaned} cleaned, {job.Rejected} rejected)");
            if (line != last)
            {
                await context.Error.WriteLineAsync(line);
                last = line;
            }

            await Task.Delay(PollEvery, cancellationToken);
            job = await runtime.Store.GetJobAsync(job.Id, 10, cancellationToken) ?? throw new InvalidOperationException($"job {job.Id} disappeared");
        }

        return job;
    }

    private static async Task Print(CliContext context, JobRecord job, bool asJson, CancellationToken cancellationToken)
    {
        var view = JobView.From(job, DateTimeOffset.UtcNow);
        if (asJson)
        {
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(view, JobView.JsonOptions).AsMemory(), cancellationToken);
            return;
        }

        var c = view.Counts;
        var lines = new List<string>
        {
            $"job {view.JobId} ({view.State})",
            $"  batch {view.BatchId}, concurrency {view.Concurrency}, input {view.Input}",
            string.Create(CultureInfo.InvariantCulture,
                $"  submitted {c.Submitted?.ToString(CultureInfo.InvariantCulture) ?? "(still submitting)"}, cleaned {c.Cleaned}, rejected {c.Rejected}, duplicates {c.Duplicates}"),
            string.Create(CultureInfo.InvariantCulture,
                $"  created {view.CreatedAt:u}, completed {(view.CompletedAt is { } done ? done.ToString("u", CultureInfo.InvariantCulture) : "-")}, elapsed {view.ElapsedSeconds:0.0} s"),
        };
        if (view.Error is not null)
        {
            lines.Add($"  error: {view.Error}");
        }

        lines.AddRange(view.FirstRejections.Select(r => string.Create(CultureInfo.InvariantCulture, $"  line {r.Line}: {r.Code} ({r.Stage}): {r.Reason}")));
        await context.Output.WriteLineAsync(string.Join('\n', lines).AsMemory(), cancellationToken);
    }
}
