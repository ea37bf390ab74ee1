using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Metadata;
using Storytelling.Nlp.Language;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Redis;
using Storytelling.Stage1;
using Storytelling.Stage1.Jobs;
using Storytelling.Stage2;
using Storytelling.Storage;

namespace Storytelling.Cli.Benchmarks;

/// <summary>
/// <c>storytelling bench registry</c>: what the metadata registry costs, against the configured Redis and PostgreSQL
/// in streams and databases of its own. <c>overhead_percent</c>: a batch (100 generated articles by default) through
/// Stage 1 and Stage 2 in this process (cleaning worker, event consumer in batch mode, NLP worker), timed from the
/// submission to Stage 2's job completion, once with both stages recording to the registry and once without,
/// alternated <c>--rounds</c> times after a warm-up of each; the medians are compared. <c>document_rows_per_second</c>:
/// document rows recorded through the real path (outbox append, then the deliverer's binary COPY into the PostgreSQL
/// primary) until the last is delivered. <c>job_registration_ms</c>: the median time of the call a stage makes to
/// register a job (the outbox append); <c>job_delivered_ms</c> the median time until such a job is in the primary.
/// </summary>
internal static class RegistryBenchmark
{
    private static readonly TimeSpan BatchPatience = TimeSpan.FromMinutes(5);

    /// <summary>Untimed batches on each side first: the batch time keeps falling for about three as the JIT tiers the code up.</summary>
    private const int WarmUpBatches = 3;

    public static Command CreateCommand(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of text." };
        var documents = new Option<int>("--documents") { Description = "Articles in each timed batch.", DefaultValueFactory = _ => 100 };
        var rounds = new Option<int>("--rounds") { Description = "Batches with the registry on and off each (alternated).", DefaultValueFactory = _ => 3 };
        var rows = new Option<int>("--rows") { Description = "Document rows for the bulk write figure.", DefaultValueFactory = _ => 100_000 };
        var jobs = new Option<int>("--jobs") { Description = "Job registrations timed.", DefaultValueFactory = _ => 200 };
        var command = new Command("registry", "Measure the metadata registry's overhead on a Stage 2 batch, its bulk document writes and job registration.")
        {
            json, documents, rounds, rows, jobs,
        };
        register(command, (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            return RunAsync(context, result.GetValue(documents), result.GetValue(rounds), result.GetValue(rows), result.GetValue(jobs), result.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, int documents, int rounds, int rows, int jobs, bool asJson, CancellationToken cancellationToken)
    {
        if (documents is < 1 or > 10_000 || rounds is < 1 or > 200 || rows is < 1 or > 10_000_000 || jobs is < 1 or > 100_000)
        {
            throw new CommandInputException(
                $"--documents must be 1 to 10,000, --rounds 1 to 200, --rows 1 to 10,000,000 and --jobs 1 to 100,000 (got {documents}, {rounds}, {rows}, {jobs})");
        }

        var run = "bench_registry_" + Guid.NewGuid().ToString("N")[..10];
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken)).Split(' ')[0] : "unknown";
        var registry = RegistryOptions(context, run);
        await context.Error.WriteLineAsync($"bench registry: streams {run}:*, databases {run}_*, registry database {registry.PostgresDatabase}; load {load}");
        try
        {
            var overhead = await MeasureOverheadAsync(context, run, registry, documents, rounds, cancellationToken);
            var writes = await MeasureWritesAsync(registry, Commands.RegistryCommand.Settings(context).Redis, rows, jobs, cancellationToken);
            var text = asJson ? Json(documents, rounds, rows, jobs, registry.BatchSize, load, overhead, writes) : Text(documents, rows, overhead, writes);
            await context.Output.WriteLineAsync(text.AsMemory(), cancellationToken);
        }
        finally
        {
            await PostgresDatabases.DropIfExistsAsync(registry.ToPostgresOptions(), CancellationToken.None);
            if (Directory.Exists(registry.OutboxDir))
            {
                Directory.Delete(registry.OutboxDir, recursive: true);
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// One batch: until Stage 2 completed it, until the registry held all of it, and meanwhile the machine's busy CPU
    /// seconds and this process's (the pipeline's side alone, without PostgreSQL and Redis).
    /// </summary>
    private sealed record BatchTiming(double Seconds, double RegisteredSeconds, double CpuSeconds, double ProcessCpuSeconds);

    private sealed record Overhead(IReadOnlyList<BatchTiming> On, IReadOnlyList<BatchTiming> Off)
    {
        public IReadOnlyList<double> SecondsOn => [.. On.Select(b => b.Seconds)];

        public IReadOnlyList<double> SecondsOff => [.. Off.Select(b => b.Seconds)];

        public double MedianOn => Median(SecondsOn);

        public double MedianOff => Median(SecondsOff);

        public double Percent => PercentOf(MedianOn, MedianOff);

        /// <summary>Until the registry holds the whole batch, against the batch without it.</summary>
        public double RegisteredPercent => PercentOf(Median([.. On.Select(b => b.RegisteredSeconds)]), MedianOff);

        /// <summary>Busy CPU seconds of the whole machine (this process, PostgreSQL, Redis) until registered, on against off.</summary>
        public double CpuPercent => Compare(b => b.CpuSeconds);

        /// <summary>
        /// CPU seconds of this process alone until registered, on against off: what the stages' host pays (outbox appends
        /// and the deliverer's client side) when the registry's PostgreSQL runs on a server of its own.
        /// </summary>
        public double ProcessCpuPercent => Compare(b => b.ProcessCpuSeconds);

        /// <summary>Median wait from Stage 2's completion until the registry held everything.</summary>
        public double RegistryLagMs => Math.Round(Median([.. On.Select(b => (b.RegisteredSeconds - b.Seconds) * 1000)]), 1);

        /// <summary>
        /// Round by round (each round runs both sides, in alternating order): the median of the on − off differences
        /// and the standard error of their mean, both in percent of the median off. Pairing takes out what drifts
        /// between rounds (the machine's load), so this is the figure to read on a noisy machine; the standard error
        /// says how far it can be trusted (about ±2 standard errors).
        /// </summary>
        public (double Percent, double StandardError) Paired(Func<BatchTiming, double> figure)
        {
            var off = Median([.. Off.Select(figure)]);
            double[] differences = [.. On.Zip(Off, (on, o) => figure(on) - figure(o))];
            var mean = differences.Average();
            var deviation = differences.Length < 2 ? 0 : Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Length - 1));
            return (Math.Round(Median(differences) / off * 100, 2), Math.Round(deviation / Math.Sqrt(differences.Length) / off * 100, 2));
        }

        /// <summary>The median of one figure with the registry on against off, in percent.</summary>
        private double Compare(Func<BatchTiming, double> figure) => PercentOf(Median([.. On.Select(figure)]), Median([.. Off.Select(figure)]));

        private static double PercentOf(double on, double off) => Math.Round((on - off) / off * 100, 2);
    }

    private sealed record Writes(double RowsPerSecond, double AppendRowsPerSecond, double RegistrationMs, double DeliveredMs);

    /// <summary>The registry on the configured PostgreSQL server (the <c>postgres</c> section's role) in a database of this run, and the configured cache.</summary>
    private static MetadataRegistryOptions RegistryOptions(CliContext context, string run)
    {
        var configured = Commands.RegistryCommand.Settings(context).Registry;
        var server = Stage1Composition.Postgres(context);
        configured.Enabled = true;
        configured.WriteOnly = false;
        configured.PercentageRollout = 100;
        configured.PostgresHost = server.Host;
        configured.PostgresPort = server.Port;
        configured.PostgresUser = server.Username;
        configured.PostgresPassword = server.Password ?? "";
        configured.PostgresDatabase = run + "_registry";
        configured.RedisKeyPrefix = run + ":metadata:";
        configured.CacheTtlSeconds = 300; // the run's cache entries go away on their own soon after it
        configured.OutboxDir = Directory.CreateTempSubdirectory(run + "-outbox-").FullName;
        return configured;
    }

    private static async Task<Overhead> MeasureOverheadAsync(
        CliContext context, string run, MetadataRegistryOptions registry, int documents, int rounds, CancellationToken cancellationToken)
    {
        var models = new ModelStore(context.ModelsDirectory(null));
        var nlp = new Lazy<NlpPipeline>(NlpComposition.Pipeline(context.Settings, models));
        await using var off = await BatchPipeline.StartAsync(context, run + "_off", new MetadataRegistryOptions(), models, nlp, cancellationToken);
        await using var on = await BatchPipeline.StartAsync(context, run + "_on", registry, models, nlp, cancellationToken);
        var generator = new NewsArticleGenerator(stubShare: 0);
        for (var warmUp = 0; warmUp < WarmUpBatches; warmUp++)
        {
            await off.RunBatchAsync(generator, documents, cancellationToken);
            await on.RunBatchAsync(generator, documents, cancellationToken);
        }

        var (timingsOn, timingsOff) = (new List<BatchTiming>(), new List<BatchTiming>());
        for (var round = 0; round < rounds; round++)
        {
            // ABBA order: whichever runs second inherits the first one's background work (autovacuum, WAL writes).
            if (round % 2 == 0)
            {
                timingsOff.Add(await off.RunBatchAsync(generator, documents, cancellationToken));
                timingsOn.Add(await on.RunBatchAsync(generator, documents, cancellationToken));
            }
            else
            {
                timingsOn.Add(await on.RunBatchAsync(generator, documents, cancellationToken));
                timingsOff.Add(await off.RunBatchAsync(generator, documents, cancellationToken));
            }

            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"bench registry: round {round + 1}: {documents} documents in {timingsOff[^1].Seconds:F2} s without the registry ({timingsOff[^1].CpuSeconds:F2} CPU s), " +
                $"{timingsOn[^1].Seconds:F2} s with it, all in the registry at {timingsOn[^1].RegisteredSeconds:F2} s ({timingsOn[^1].CpuSeconds:F2} CPU s); " +
                $"this process {timingsOff[^1].ProcessCpuSeconds:F2} / {timingsOn[^1].ProcessCpuSeconds:F2} CPU s off / on"));
        }

        return new Overhead(timingsOn, timingsOff);
    }

    /// <summary>Bulk document rows until delivered, then job registrations (the outbox append) and their delivery, on a registry of its own.</summary>
    private static async Task<Writes> MeasureWritesAsync(MetadataRegistryOptions options, RedisOptions redis, int rows, int jobs, CancellationToken cancellationToken)
    {
        await using var registry = MetadataRegistry.Start(options, redis, NullLoggerFactory.Instance);
        var recorder = registry.Recorder(RegistryStages.Stage2);
        await registry.Reader.ListJobsAsync(new JobQuery(Limit: 1), cancellationToken); // creates and migrates the database outside the timing

        // A warm-up job first (the append, JSON and COPY paths compiled and tiered up), then the timed one.
        await AppendDocumentsAsync(recorder, Math.Min(20_000, rows), cancellationToken);
        await DeliveredAsync(registry, TimeSpan.FromMinutes(5), cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await AppendDocumentsAsync(recorder, rows, cancellationToken);
        var appended = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await DeliveredAsync(registry, TimeSpan.FromMinutes(5), cancellationToken);
        var delivered = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var registrations = new List<double>();
        for (var i = 0; i < jobs; i++)
        {
            var begin = Stopwatch.GetTimestamp();
            await recorder.JobStartedAsync($"job-{Guid.NewGuid():N}", "bench", 100, cancellationToken);
            registrations.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
        }

        await DeliveredAsync(registry, TimeSpan.FromMinutes(1), cancellationToken);
        var deliveries = new List<double>();
        for (var i = 0; i < Math.Min(jobs, 20); i++)
        {
            var begin = Stopwatch.GetTimestamp();
            await recorder.JobStartedAsync($"job-{Guid.NewGuid():N}", "bench", 100, cancellationToken);
            await DeliveredAsync(registry, TimeSpan.FromMinutes(1), cancellationToken);
            deliveries.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
        }

        return new Writes(Math.Round(rows / delivered), Math.Round(rows / appended), Math.Round(Median(registrations), 3), Math.Round(Median(deliveries), 1));
    }

    /// <summary>Records <paramref name="rows"/> documents of a new job, 1,000 per call (as a stage records a stored batch).</summary>
    private static async Task AppendDocumentsAsync(IMetadataRecorder recorder, int rows, CancellationToken cancellationToken)
    {
        var jobId = $"job-{Guid.NewGuid():N}";
        var published = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        for (var first = 0; first < rows; first += 1000)
        {
            var chunk = Enumerable.Range(first, Math.Min(1000, rows - first)).Select(n => new DocumentMetadata(
                string.Create(CultureInfo.InvariantCulture, $"bench-doc-{n}"), jobId, $"Council approves plan {n}", "A. Writer", published, "Bench Wire",
                string.Create(CultureInfo.InvariantCulture, $"https://news.example/{n}"), "en", string.Create(CultureInfo.InvariantCulture, $"{n:x16}"))).ToList();
            await recorder.DocumentsWrittenAsync(chunk, cancellationToken);
        }
    }

    /// <summary>Waits (polling every millisecond) until the outbox is empty.</summary>
    private static async Task DeliveredAsync(MetadataRegistry registry, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        while (registry.Pending > 0)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the registry still had {registry.Pending} writes waiting after {patience.TotalSeconds:0} s");
            }

            await Task.Delay(1, cancellationToken);
        }
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Text(int documents, int rows, Overhead overhead, Writes writes) => string.Create(CultureInfo.InvariantCulture,
        $"registry overhead on a {documents}-document batch: {overhead.Percent:F2} % (median {overhead.MedianOn:F2} s on, {overhead.MedianOff:F2} s off); " +
        $"until all of it is in the registry {overhead.RegisteredPercent:F2} % ({overhead.RegistryLagMs:F0} ms after the batch); machine CPU {overhead.CpuPercent:F2} %, this process's CPU {overhead.ProcessCpuPercent:F2} %\n" +
        $"round by round (median difference ± standard error): batch {Paired(overhead.Paired(b => b.Seconds))}, machine CPU {Paired(overhead.Paired(b => b.CpuSeconds))}, " +
        $"this process's CPU {Paired(overhead.Paired(b => b.ProcessCpuSeconds))}\n" +
        $"bulk document rows: {writes.RowsPerSecond:N0} rows/s delivered ({rows:N0} rows; outbox append {writes.AppendRowsPerSecond:N0} rows/s)\n" +
        $"job registration: {writes.RegistrationMs:F3} ms (outbox append), {writes.DeliveredMs:F1} ms until in the primary");

    private static string Paired((double Percent, double StandardError) paired) =>
        string.Create(CultureInfo.InvariantCulture, $"{paired.Percent:F2} ± {paired.StandardError:F2} %");

    private static string Json(int documents, int rounds, int rows, int jobs, int batchSize, string load, Overhead overhead, Writes writes)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("overhead_percent", overhead.Percent);
            writer.WriteNumber("overhead_until_registered_percent", overhead.RegisteredPercent);
            writer.WriteNumber("cpu_overhead_percent", overhead.CpuPercent);
            writer.WriteNumber("process_cpu_overhead_percent", overhead.ProcessCpuPercent);
            WritePaired(writer, "overhead_paired", overhead.Paired(b => b.Seconds));
            WritePaired(writer, "cpu_overhead_paired", overhead.Paired(b => b.CpuSeconds));
            WritePaired(writer, "process_cpu_overhead_paired", overhead.Paired(b => b.ProcessCpuSeconds));
            writer.WriteNumber("registry_lag_after_batch_ms", overhead.RegistryLagMs);
            writer.WriteNumber("document_rows_per_second", writes.RowsPerSecond);
            writer.WriteNumber("job_registration_ms", writes.RegistrationMs);
            writer.WriteNumber("job_delivered_ms", writes.DeliveredMs);
            writer.WriteNumber("outbox_append_rows_per_second", writes.AppendRowsPerSecond);
            writer.WriteNumber("documents_per_batch", documents);
            writer.WriteNumber("rounds", rounds);
            writer.WriteNumber("median_batch_seconds_registry_on", Math.Round(overhead.MedianOn, 3));
            writer.WriteNumber("median_batch_seconds_registry_off", Math.Round(overhead.MedianOff, 3));
            WriteSeconds(writer, "batch_seconds_registry_on", overhead.SecondsOn);
            WriteSeconds(writer, "batch_seconds_registry_off", overhead.SecondsOff);
            WriteSeconds(writer, "registered_seconds_registry_on", [.. overhead.On.Select(b => b.RegisteredSeconds)]);
            WriteSeconds(writer, "cpu_seconds_registry_on", [.. overhead.On.Select(b => b.CpuSeconds)]);
            WriteSeconds(writer, "cpu_seconds_registry_off", [.. overhead.Off.Select(b => b.CpuSeconds)]);
            WriteSeconds(writer, "process_cpu_seconds_registry_on", [.. overhead.On.Select(b => b.ProcessCpuSeconds)]);
            WriteSeconds(writer, "process_cpu_seconds_registry_off", [.. overhead.Off.Select(b => b.ProcessCpuSeconds)]);
            writer.WriteNumber("document_rows", rows);
            writer.WriteNumber("delivery_batch_size", batchSize);
            writer.WriteNumber("job_registrations", jobs);
            writer.WriteString("machine", $"{Environment.ProcessorCount} cores");
            writer.WriteString("load_average_1m", load);
            writer.WriteString("measured",
                "overhead: submission to Stage 2's job completion of a generated batch in this process (cleaning worker, event consumer in batch mode, NLP worker), " +
                "both stages recording to the registry vs not, medians of alternated rounds after a warm-up of each (paired: the median of the rounds' on - off differences, with the standard error of their mean), each round ending once the registry " +
                "held all of it (until_registered: that time; cpu: busy CPU seconds of the whole machine until then, from /proc/stat; process_cpu: this process's CPU seconds alone, " +
                "the pipeline host's share when the registry's PostgreSQL is elsewhere); rows: outbox append through delivery into the " +
                "PostgreSQL primary; job registration: the stage's call (outbox append), and until the row is in the primary");
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WritePaired(Utf8JsonWriter writer, string name, (double Percent, double StandardError) paired)
    {
        writer.WriteNumber(name + "_percent", paired.Percent);
        writer.WriteNumber(name + "_stderr_percent", paired.StandardError);
    }

    private static void WriteSeconds(Utf8JsonWriter writer, string name, IReadOnlyList<double> seconds)
    {
        writer.WriteStartArray(name);
        foreach (var value in seconds)
        {
            writer.WriteNumberValue(Math.Round(value, 3));
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Stage 1 and Stage 2 in this process for one side of the comparison: streams <c>&lt;run&gt;:*</c>, databases
    /// <c>&lt;run&gt;_stage1</c>/<c>_stage2</c> and a folder of its own (all removed on dispose), a cleaning worker, the
    /// event consumer in batch mode and an NLP worker, recording to <paramref name="registry"/> when it is enabled.
    /// </summary>
    private sealed class BatchPipeline : IAsyncDisposable
    {
        private readonly List<(RedisStreamConsumer Consumer, Task Running, CancellationTokenSource Stop)> _services = [];
        private readonly string _outputDir;

        private BatchPipeline(Stage1Runtime stage1, Stage2Runtime stage2, string outputDir)
        {
            Stage1 = stage1;
            Stage2 = stage2;
            _outputDir = outputDir;
        }

        private Stage1Runtime Stage1 { get; }

        private Stage2Runtime Stage2 { get; }

        public static async Task<BatchPipeline> StartAsync(
            CliContext context, string run, MetadataRegistryOptions registry, ModelStore models, Lazy<NlpPipeline> nlp, CancellationToken cancellationToken)
        {
            var outputDir = Directory.CreateTempSubdirectory(run + "-").FullName;
            var redis = Stage1Composition.Redis(context);
            var stage1Postgres = Stage1Composition.Postgres(context);
            stage1Postgres.Database = run + "_stage1";
            var stage2Postgres = Stage1Composition.Postgres(context);
            stage2Postgres.Database = run + "_stage2";
            var stage1Options = context.Settings.Bind<Stage1Options>(Stage1Options.SectionName);
            stage1Options.PostgresDatabase = stage1Postgres.Database;
            stage1Options.EventStream = run + ":stage1:events";
            stage1Options.WorkStream = run + ":stage1:work";
            stage1Options.OutputDir = Path.Combine(outputDir, "stage1");
            var stage2Options = context.Settings.Bind<Stage2Options>(Stage2Options.SectionName);
            stage2Options.RedisDb = redis.Db;
            stage2Options.PostgresDatabase = stage2Postgres.Database;
            stage2Options.EventStream = run + ":stage2:events";
            stage2Options.WorkStream = run + ":stage2:work";
            stage2Options.InputDir = stage1Options.OutputDir;
            stage2Options.OutputDir = Path.Combine(outputDir, "stage2");
            var consumer = context.Settings.Bind<ConsumerOptions>(ConsumerOptions.SectionName);
            consumer.SourceStream = stage1Options.EventStream;
            consumer.DeadLetterStream = run + ":stage2:failed-events";
            consumer.BatchMode = true;
            consumer.AutoProcess = true;
            consumer.PollIntervalMs = 100;

            var stage1 = await Stage1Runtime.StartAsync(
                new Stage1Settings(redis, stage1Postgres, stage1Options, new CleaningOptions(), new ArticleInputOptions(),
                    models.Get(LanguageIdentifier.ComponentName, LanguageIdentifier.Load))
                { Metadata = registry },
                NullLoggerFactory.Instance, cancellationToken);
            Stage2Runtime stage2;
            try
            {
                stage2 = await Stage2Runtime.StartAsync(
                    new Stage2Settings(redis, stage1Postgres, redis, stage2Postgres, stage2Options, consumer, nlp) { Metadata = registry },
                    NullLoggerFactory.Instance, cancellationToken);
            }
            catch
            {
                await stage1.DisposeAsync();
                throw;
            }

            var pipeline = new BatchPipeline(stage1, stage2, outputDir);
            pipeline.Start(stage1.CreateWorker(stage1.WorkerConsumerOptions("bench-cleaner")));
            pipeline.Start(stage2.CreateEventConsumer());
            pipeline.Start(stage2.CreateWorker(stage2.WorkerConsumerOptions("bench-nlp")));
            return pipeline;
        }

        /// <summary>
        /// Submits <paramref name="documents"/> generated articles, waits until Stage 2 completed the job and then until both
        /// stages' registries delivered everything (so the next batch does not pay for this one's delivery).
        /// </summary>
        public async Task<BatchTiming> RunBatchAsync(NewsArticleGenerator generator, int documents, CancellationToken cancellationToken)
        {
            using var input = new MemoryStream();
            await generator.WriteJsonlAsync(input, documents, cancellationToken);
            input.Position = 0;
            var cpuStarted = MachineCpu.BusySeconds();
            var processCpuStarted = Environment.CpuUsage.TotalTime.TotalSeconds;
            var started = Stopwatch.GetTimestamp();
            var job = await Stage1.Submitter.SubmitAsync(new JobRequest("bench-registry", JobRequest.MaxConcurrency, "articles.jsonl"), input, cancellationToken);
            while ((await Stage2.Store.GetCountsAsync(job.Id, cancellationToken))?.IsCompleted != true)
            {
                if (Stopwatch.GetElapsedTime(started) > BatchPatience)
                {
                    throw new TimeoutException($"bench registry: job {job.Id} was not completed by Stage 2 within {BatchPatience.TotalMinutes:0} min");
                }

                if (_services.FirstOrDefault(s => s.Running.IsCompleted) is { Running: { } ended })
                {
                    await ended; // a service that stopped: its exception explains why the batch cannot finish
                    throw new InvalidOperationException($"bench registry: a service stopped while job {job.Id} ran");
                }

                await Task.Delay(10, cancellationToken);
            }

            var completed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            while ((Stage1.Registry?.Pending ?? 0) + (Stage2.Registry?.Pending ?? 0) > 0)
            {
                if (Stopwatch.GetElapsedTime(started) > BatchPatience)
                {
                    throw new TimeoutException($"bench registry: the registry still had writes of job {job.Id} waiting after {BatchPatience.TotalMinutes:0} min");
                }

                await Task.Delay(1, cancellationToken);
            }

            return new BatchTiming(completed, Stopwatch.GetElapsedTime(started).TotalSeconds, MachineCpu.BusySeconds() - cpuStarted,
                Environment.CpuUsage.TotalTime.TotalSeconds - processCpuStarted);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (consumer, running, stop) in _services)
            {
                await stop.CancelAsync();
                await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                consumer.Dispose();
                stop.Dispose();
            }

            var stage1 = Stage1.Settings.Stage1;
            var stage2 = Stage2.Settings.Stage2;
            await Stage1.Redis.DelAsync([stage1.EventStream, stage1.WorkStream, stage1.WorkDeadLetterStream, Stage2.Settings.EventConsumer.DeadLetterStream]);
            await Stage2.Redis.DelAsync([stage2.EventStream, stage2.WorkStream, stage2.WorkDeadLetterStream]);
            var databases = (Stage1.Settings.Postgres, Stage2.Settings.Postgres);
            await Stage2.DisposeAsync();
            await Stage1.DisposeAsync();
            await PostgresDatabases.DropIfExistsAsync(databases.Item1, CancellationToken.None);
            await PostgresDatabases.DropIfExistsAsync(databases.Item2, CancellationToken.None);
            Directory.Delete(_outputDir, recursive: true);
        }

        private void Start(RedisStreamConsumer consumer)
        {
            var stop = new CancellationTokenSource();
            _services.Add((consumer, Task.Run(() => consumer.RunAsync(stop.Token)), stop));
        }
    }
}
