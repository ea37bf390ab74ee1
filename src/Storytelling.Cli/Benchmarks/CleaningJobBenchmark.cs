using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Storytelling.Stage1;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage1.Storage;

namespace Storytelling.Cli.Benchmarks;

/// <summary>
/// The job half of <c>bench cleaning</c>: a job of generated news pages submitted with <see cref="JobSubmitter"/> and
/// cleaned by cleaning workers in this process (each a <c>RedisStreamConsumer</c> on the work queue, with
/// <c>stage1.worker_concurrency</c>), into PostgreSQL with every announcement published, timed from the start of
/// the submission to the job's completion (JSONL export and <c>job.completed</c> included). It runs against the
/// configured Redis and PostgreSQL server, in a database and streams of its own that are removed afterwards.
/// </summary>
internal static class CleaningJobBenchmark
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    public sealed record Figures(
        int Articles, int Workers, int WorkerConcurrency, double Seconds, double SubmitSeconds, double DocsPerSecond,
        long Cleaned, long Rejected, long Duplicates);

    public static async Task<Figures> RunAsync(CliContext context, int articles, int workers, string? modelsDirectory, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        var outputDir = Directory.CreateTempSubdirectory("bench-stage1-").FullName;
        var configured = Stage1Composition.Settings(context, modelsDirectory);
        var settings = configured with
        {
            Postgres = configured.Postgres.WithDatabase($"bench_stage1_{run}"),
            Stage1 = new Stage1Options
            {
                EventStream = $"bench:{run}:events",
                WorkStream = $"bench:{run}:work",
                WorkGroup = "bench-workers",
                RedisDb = configured.Stage1.RedisDb,
                OutputDir = outputDir,
                WorkerConcurrency = configured.Stage1.WorkerConcurrency,
                MaxStreamLength = configured.Stage1.MaxStreamLength,
            },
        };

        var input = new MemoryStream();
        await new NewsArticleGenerator().WriteJsonlAsync(input, articles, cancellationToken);
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"bench cleaning: job of {articles:N0} pages ({input.Length / 1e6:F1} MB) through {workers} worker(s) into database {settings.Postgres.Database}"));

        var runtime = await Stage1Runtime.StartAsync(settings, NullLoggerFactory.Instance, cancellationToken);
        var consumers = new List<(Messaging.Redis.RedisStreamConsumer Consumer, Task Running)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            for (var i = 0; i < workers; i++)
            {
                var consumer = runtime.CreateWorker(runtime.WorkerConsumerOptions($"bench-{i}"));
                consumers.Add((consumer, Task.Run(() => consumer.RunAsync(stop.Token), CancellationToken.None)));
            }

            input.Position = 0;
            var started = Stopwatch.GetTimestamp();
            var job = await runtime.Submitter.SubmitAsync(new JobRequest("bench", JobRequest.MaxConcurrency, "bench.jsonl"), input, cancellationToken);
            var submitted = Stopwatch.GetElapsedTime(started);
            var (lastDone, lastProgress) = (-1L, Stopwatch.GetTimestamp());
            while (job.State is JobState.Queued or JobState.Running)
            {
                await Task.Delay(20, cancellationToken);
                job = await runtime.Store.GetJobAsync(job.Id, 0, cancellationToken) ?? throw new InvalidOperationException($"job {job.Id} disappeared");
                if (job.Cleaned + job.Rejected != lastDone)
                {
                    (lastDone, lastProgress) = (job.Cleaned + job.Rejected, Stopwatch.GetTimestamp());
                }
                else if (Stopwatch.GetElapsedTime(lastProgress) > StallLimit)
                {
                    var deadLetters = await runtime.Redis.XLenAsync(settings.Stage1.WorkDeadLetterStream, cancellationToken);
                    throw new InvalidOperationException(
                        $"the benchmark job made no progress for {StallLimit.TotalSeconds} s at {lastDone} of {job.Submitted} ({deadLetters} work items dead-lettered)");
                }
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            if (job.State != JobState.Completed)
            {
                throw new InvalidOperationException($"the benchmark job ended {job.State}: {job.Error}");
            }

            return new Figures(articles, workers, settings.Stage1.WorkerConcurrency, Math.Round(elapsed.TotalSeconds, 2), Math.Round(submitted.TotalSeconds, 2),
                Math.Round(articles / elapsed.TotalSeconds), job.Cleaned, job.Rejected, job.Duplicates);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var (consumer, running) in consumers)
            {
                await running;
                consumer.Dispose();
            }

            await runtime.Redis.DelAsync([settings.Stage1.EventStream, settings.Stage1.WorkStream, settings.Stage1.WorkDeadLetterStream], CancellationToken.None);
            await runtime.DisposeAsync();
            await Storage.PostgresDatabases.DropIfExistsAsync(settings.Postgres, CancellationToken.None);
            Directory.Delete(outputDir, recursive: true);
        }
    }

    public static void Write(Utf8JsonWriter writer, Figures figures)
    {
        writer.WriteNumber("job_docs_per_second", figures.DocsPerSecond);
        writer.WriteStartObject("job");
        writer.WriteNumber("articles", figures.Articles);
        writer.WriteNumber("workers", figures.Workers);
        writer.WriteNumber("worker_concurrency", figures.WorkerConcurrency);
        writer.WriteNumber("seconds", figures.Seconds);
        writer.WriteNumber("submit_seconds", figures.SubmitSeconds);
        writer.WriteNumber("cleaned", figures.Cleaned);
        writer.WriteNumber("rejected", figures.Rejected);
        writer.WriteNumber("duplicates", figures.Duplicates);
        writer.WriteString("measured", "submission start to job completed: work items on Redis, cleaning, PostgreSQL writes, every announcement, JSONL export, job.completed");
        writer.WriteEndObject();
    }
}
