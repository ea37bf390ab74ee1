using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Storytelling.Cli.Commands;
using Storytelling.Cli.Processes;
using Storytelling.Nlp.Models;

namespace Storytelling.Cli.Benchmarks;

/// <summary>
/// <c>storytelling bench e2e</c>: the distributed pipeline as deployed (<see cref="LocalPipeline"/>: a stage1-worker,
/// the event consumer in batch mode and 1 or 2 nlp-worker processes, each a real <c>serve</c> process) against the
/// configured Redis and PostgreSQL, in streams and databases of its own. Per worker count: a warm-up job, then a
/// 100-article job timed from the start of the submission (as <c>batch submit</c> does it) to Stage 2's
/// <c>job.completed</c> with every document, event and announcement stored, then a sustained job (10,000 articles by
/// default) for documents per second.
/// </summary>
internal static class E2eBenchmark
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(180);

    public sealed record Run(int Workers, double SecondsSmallJob, long SmallJobDocuments, double SecondsSustained, long SustainedDocuments)
    {
        public double DocsPerSecondSustained => SecondsSustained > 0 ? Math.Round(SustainedDocuments / SecondsSustained, 1) : 0;
    }

    public static Command CreateCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of a table." };
        var articles = new Option<int>("--articles") { Description = "Articles in the timed job.", DefaultValueFactory = _ => 100 };
        var sustained = new Option<int>("--sustained") { Description = "Articles in the sustained job (0 skips it).", DefaultValueFactory = _ => 10_000 };
        var workers = new Option<int[]>("--workers") { Description = "NLP worker process counts to measure, e.g. --workers 1 2.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [1, 2] };
        var command = new Command("e2e", "Measure a job from Stage 1 submission to Stage 2's job.completed through real service processes, and sustained documents per second.")
        {
            json, articles, sustained, workers,
        };
        register(command, (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            return RunAsync(context, result.GetValue(articles), result.GetValue(sustained), result.GetValue(workers)!, result.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, int articles, int sustained, int[] workerCounts, bool asJson, CancellationToken cancellationToken)
    {
        if (articles is < 1 or > 1_000_000 || sustained is < 0 or > 1_000_000)
        {
            throw new CommandInputException($"--articles must be 1 to 1,000,000 and --sustained 0 to 1,000,000 (got {articles} and {sustained})");
        }

        if (workerCounts.Length == 0 || workerCounts.Any(w => w is < 1 or > 16))
        {
            throw new CommandInputException($"--workers takes counts from 1 to 16 (got {string.Join(' ', workerCounts)})");
        }

        var runs = new List<Run>();
        foreach (var workers in workerCounts)
        {
            runs.Add(await MeasureAsync(context, articles, sustained, workers, cancellationToken));
        }

        if (asJson)
        {
            await context.Output.WriteLineAsync(Json(articles, sustained, runs));
        }
        else
        {
            foreach (var run in runs)
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{run.Workers} nlp-worker(s): {articles} articles submit → Stage 2 job.completed in {run.SecondsSmallJob:F2} s; " +
                    $"{run.SustainedDocuments} documents sustained at {run.DocsPerSecondSustained:F1} docs/s"));
            }
        }

        return ExitCodes.Ok;
    }

    private static async Task<Run> MeasureAsync(CliContext context, int articles, int sustained, int workers, CancellationToken cancellationToken)
    {
        var run = "bench_e2e_" + Guid.NewGuid().ToString("N")[..10];
        var options = new LocalPipelineOptions(Stage1Composition.Redis(context), Stage1Composition.Postgres(context), run);
        await context.Error.WriteLineAsync($"bench e2e: {workers} nlp-worker(s), streams {run}:*, databases {run}_stage1/_stage2");
        await using var pipeline = await LocalPipeline.StartAsync(options, new ModelStore(context.ModelsDirectory(null)), line => context.Error.WriteLine(line), cancellationToken);
        pipeline.Processes.Start(ServeCommand.Stage1Worker);
        pipeline.Processes.Start(ServeCommand.EventConsumer);
        for (var i = 0; i < workers; i++)
        {
            pipeline.Processes.Start(ServeCommand.NlpWorker);
        }

        await pipeline.WaitUntilReadyAsync(StartPatience, cancellationToken);

        var generator = new NewsArticleGenerator(stubShare: 0);
        await JobAsync(pipeline, generator, 10, cancellationToken);
        var small = await JobAsync(pipeline, generator, articles, cancellationToken);
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"bench e2e: {articles} articles in {small.Seconds:F2} s"));
        var large = sustained > 0 ? await JobAsync(pipeline, generator, sustained, cancellationToken) : (0.0, 0L);
        return new Run(workers, Math.Round(small.Seconds, 2), small.Documents, Math.Round(large.Item1, 2), large.Item2);
    }

    /// <summary>Submits <paramref name="articles"/> generated articles and waits for Stage 2's job.completed: seconds and documents analysed.</summary>
    private static async Task<(double Seconds, long Documents)> JobAsync(LocalPipeline pipeline, NewsArticleGenerator generator, int articles, CancellationToken cancellationToken)
    {
        var input = new MemoryStream();
        await generator.WriteJsonlAsync(input, articles, cancellationToken);
        input.Position = 0;
        var started = Stopwatch.GetTimestamp();
        var job = await pipeline.SubmitAsync(input, cancellationToken);
        await pipeline.WaitForStage2JobAsync(job.Id, StallLimit, () => pipeline.Processes.Started.All(p => !p.HasExited), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var counts = await pipeline.Stage2.Store.GetCountsAsync(job.Id, cancellationToken);
        return (elapsed, counts!.Processed);
    }

    private static string Json(int articles, int sustained, List<Run> runs)
    {
        var best = runs.MinBy(r => r.SecondsSmallJob)!;
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("articles", articles);
            writer.WriteNumber("seconds_submit_to_stage2_job_completed", best.SecondsSmallJob);
            if (sustained > 0)
            {
                writer.WriteNumber("docs_per_second_10k", runs.Max(r => r.DocsPerSecondSustained));
            }

            writer.WriteStartArray("runs");
            foreach (var run in runs)
            {
                writer.WriteStartObject();
                writer.WriteNumber("nlp_workers", run.Workers);
                writer.WriteNumber("seconds_submit_to_stage2_job_completed", run.SecondsSmallJob);
                writer.WriteNumber("documents", run.SmallJobDocuments);
                writer.WriteNumber("sustained_articles", sustained);
                writer.WriteNumber("sustained_documents", run.SustainedDocuments);
                writer.WriteNumber("sustained_seconds", run.SecondsSustained);
                writer.WriteNumber("sustained_docs_per_second", run.DocsPerSecondSustained);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("machine", $"{Environment.ProcessorCount} cores");
            writer.WriteString("measured", "from the start of the submission to Stage 2's job.completed: Stage 1 cleaning, both stages' PostgreSQL writes and announcements, the event consumer in batch mode, NLP in the worker processes");
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
