using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Storytelling.Articles;
using Storytelling.Cleaning;
using Storytelling.Cleaning.Duplicates;
using Storytelling.CloudEvents;
using Storytelling.Embedded.Internal;
using Storytelling.Embedded.Output;
using Storytelling.Embedded.Storage;
using Storytelling.Messaging;
using Storytelling.Messaging.InProcess;
using Storytelling.Nlp;
using Storytelling.Nlp.Pipeline;
using Storytelling.Stories;
using EventTypeNames = Storytelling.CloudEvents.EventTypes;

namespace Storytelling.Embedded;

/// <summary>
/// <c>storytelling run</c>: the whole pipeline in one process over the in-process event bus. Stage 1 reads and cleans
/// the articles in input order (rejections kept with their reason, duplicates marked) and announces each document
/// with <c>document.cleaned</c> on <see cref="CleaningStream"/>; Stage 2 consumes those announcements in group
/// <c>stage2-nlp-processor</c> with bounded concurrency (tokens, tags, lemmas, entities, parse, time expressions,
/// events); the story stage takes the analysed documents back in input order, so the same input always gives the
/// same storylines and ids, links their events across documents, updates the storylines and announces
/// <c>nlp.document.processed</c> and <c>nlp.storyline.updated</c> on <see cref="NlpStream"/>. Outputs: the JSONL files
/// of <see cref="RunOutputs"/>, the SQLite database of <see cref="EmbeddedStore"/> and the HTML report of <see cref="ReportWriter"/>.
/// A document whose analysis fails on every attempt is rejected with the error (stage <c>nlp</c>), never lost.
/// </summary>
public sealed class EmbeddedRun(
    ArticleReader reader,
    ArticleCleaner cleaner,
    NearDuplicateOptions duplicates,
    NlpPipeline pipeline,
    StoryOptions stories,
    EmbeddedRunOptions options,
    InProcessEventBus bus,
    ILoggerFactory loggers,
    TimeProvider time)
{
    public const string CleaningStream = "stage1:cleaning:events";
    public const string NlpStream = "stage2:nlp:events";
    public const string CleaningSource = "/storytelling/embedded/cleaning";
    public const string NlpSource = "/storytelling/embedded/nlp";

    /// <summary>The rejection code of a document whose NLP analysis failed on every attempt.</summary>
    public const string AnalysisFailed = "analysis_failed";

    /// <summary>The rejection code of an article whose id repeats an earlier article's id in the same input.</summary>
    public const string DuplicateId = "duplicate_id";

    private const int Attempts = 2;
    private readonly ILogger _logger = loggers.CreateLogger<EmbeddedRun>();

    public async Task<RunSummary> RunAsync(string inputFile, string outputDir, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputFile);
        ArgumentException.ThrowIfNullOrEmpty(outputDir);
        var started = Stopwatch.GetTimestamp();
        var runId = $"run-{Guid.CreateVersion7():N}";
        var trace = TraceContext.CreateNew();
        var inputLines = CountLines(inputFile);
        var concurrency = options.EffectiveConcurrency;
        Log.Started(_logger, inputFile, outputDir, concurrency);

        await using var outputs = RunOutputs.Create(outputDir);
        await using var store = await EmbeddedStore.CreateAsync(Path.Combine(outputDir, options.SqliteFile), cancellationToken);
        var state = new RunState(inputLines);
        using var analysed = new InOrder<Analysed>();
        using var window = new SemaphoreSlim(options.Window);
        var pending = new ConcurrentDictionary<long, Cleaned>();
        var handler = new AnalysisHandler(pipeline, pending, analysed, state, _logger);
        using var consumer = bus.CreateConsumer(new ConsumerOptions
        {
            SourceStream = CleaningStream,
            ConsumerGroup = "stage2-nlp-processor",
            ConsumerName = "embedded",
            StartId = "0",
            ConsumeEvents = [EventTypeNames.DocumentCleaned],
            ConcurrentTasks = concurrency,
            MaxRetries = Attempts,
            RetryDelaySeconds = 0,
            BatchSize = concurrency * 2,
        }, handler, loggers.CreateLogger<InProcessStreamConsumer>());
        using var stopConsumer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consuming = consumer.RunAsync(stopConsumer.Token);
        var storyStage = RunStoryStageAsync(analysed, window, outputs, store, state, trace, progress, stopConsumer, cancellationToken);
        try
        {
            var documents = await CleanAsync(inputFile, runId, pending, window, outputs, store, state, trace, progress, stopConsumer.Token);
            analysed.Close(documents);
        }
        catch (OperationCanceledException) when (storyStage.IsFaulted)
        {
            // The story stage failed and stopped the run: its error is the one to report (below).
        }
        finally
        {
            await storyStage.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            await stopConsumer.CancelAsync();
            await consuming;
        }

        await storyStage;

        var engine = state.Engine ?? new StoryEngine(stories);
        var storylines = engine.Storylines.OrderBy(s => s.Start ?? DateTimeOffset.MaxValue).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        await outputs.WriteStorylinesAsync(storylines, cancellationToken);
        await store.CompleteAsync(storylines, cancellationToken);
        await bus.PublishAsync(NlpStream, Announce(EventTypeNames.NlpJobCompleted, NlpSource, $"{runId}:completed", runId, new
        {
            job_id = runId,
            documents = state.Analysed,
            failed = state.Failed,
            events = state.Events,
            storylines = storylines.Count,
        }, trace), cancellationToken);

        var elapsed = Stopwatch.GetElapsedTime(started);
        var reportPath = outputs.PathOf(ReportWriter.FileName);
        Log.Completed(_logger, state.Cleaned, state.Rejected, state.Events, storylines.Count, (long)elapsed.TotalMilliseconds);
        state.Storylines = storylines.Count;
        progress?.Report(state.Snapshot());
        var summary = new RunSummary(
            inputFile, outputDir, state.Read, state.Cleaned, state.Rejected, state.Duplicates, state.Analysed, state.Failed, state.Tokens, state.Events,
            engine.Links.Count, state.Clusters.Count, storylines.Count, elapsed, state.StageSeconds(),
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["cleaned"] = outputs.PathOf(RunOutputs.Cleaned),
                ["documents"] = outputs.PathOf(RunOutputs.Documents),
                ["events"] = outputs.PathOf(RunOutputs.Events),
                ["storylines"] = outputs.PathOf(RunOutputs.Storylines),
                ["rejected"] = outputs.PathOf(RunOutputs.Rejected),
                ["sqlite"] = store.File,
                ["report"] = reportPath,
            });
        await state.Report.WriteAsync(reportPath, storylines, summary, state.RejectedByCode.ToDictionary(StringComparer.Ordinal), cancellationToken);
        return summary;
    }

    /// <summary>Stage 1: read, clean, mark duplicates, write <c>cleaned.jsonl</c>, announce; returns how many documents were announced.</summary>
    private async Task<long> CleanAsync(
        string inputFile, string runId, ConcurrentDictionary<long, Cleaned> pending, SemaphoreSlim window, RunOutputs outputs, EmbeddedStore store,
        RunState state, TraceContext trace, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var detector = new NearDuplicateDetector(duplicates);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var ingestedAt = time.GetUtcNow();
        long sequence = 0;
        await foreach (var result in reader.ReadFileAsync(inputFile, new ArticleReadStatistics(), cancellationToken))
        {
            state.Read++;
            if (result.IsRejected)
            {
                await RejectAsync(result.Rejected, "input", runId, outputs, store, state, trace, cancellationToken);
                continue;
            }

            var article = result.Article!;
            if (!ids.Add(article.Id))
            {
                await RejectAsync(new RejectedRecord(article.Origin.File, article.Origin.Line, DuplicateId,
                    $"article id '{article.Id}' repeats the id of an earlier article in this input; ids must be unique", 0, Excerpt(article.Content)),
                    "input", runId, outputs, store, state, trace, cancellationToken);
                continue;
            }

            var cleaningStarted = Stopwatch.GetTimestamp();
            var isClean = cleaner.TryClean(article, ingestedAt, out var document, out var rejection);
            state.CleaningTicks += Stopwatch.GetTimestamp() - cleaningStarted;
            if (!isClean)
            {
                await RejectAsync(new RejectedRecord(article.Origin.File, article.Origin.Line, rejection!.Code, rejection.Reason, 0, Excerpt(article.Content)),
                    "cleaning", runId, outputs, store, state, trace, cancellationToken);
                continue;
            }

            var duplicateStarted = Stopwatch.GetTimestamp();
            var duplicate = detector.Add(document!.Id, document.Text);
            state.CleaningTicks += Stopwatch.GetTimestamp() - duplicateStarted;
            state.Duplicates += duplicate is null ? 0 : 1;
            await outputs.WriteCleanedAsync(article.Origin.Line, document, duplicate, cancellationToken);
            state.Cleaned++;
            await window.WaitAsync(cancellationToken);
            pending[sequence] = new Cleaned(sequence, article.Origin.File, article.Origin.Line, document, duplicate);
            await bus.PublishAsync(CleaningStream, Announce(EventTypeNames.DocumentCleaned, CleaningSource,
                string.Create(CultureInfo.InvariantCulture, $"{runId}:{article.Origin.Line}:cleaned"), document.Id, new
                {
                    document_id = document.Id,
                    job_id = runId,
                    line = article.Origin.Line,
                    sequence,
                    title = document.Title,
                    language = document.Language,
                    content_hash = document.ContentHash,
                    character_count = document.CharacterCount,
                    duplicate_group = duplicate?.GroupId,
                    duplicate_kind = duplicate?.Kind.ToString().ToLowerInvariant(),
                    duplicate_of = duplicate?.MatchedDocumentId,
                    text_location = "memory",
                    jsonl_file = outputs.PathOf(RunOutputs.Cleaned),
                }, trace), cancellationToken);
            sequence++;
            progress?.Report(state.Snapshot());
        }

        await bus.PublishAsync(CleaningStream, Announce(EventTypeNames.CleaningJobCompleted, CleaningSource, $"{runId}:completed", runId, new
        {
            job_id = runId,
            counts = new { total = state.Read, cleaned = state.Cleaned, rejected = state.Rejected, duplicates = state.Duplicates },
            output_file = outputs.PathOf(RunOutputs.Cleaned),
        }, trace), cancellationToken);
        return sequence;
    }

    /// <summary>The story stage: analysed documents in input order → story engine → outputs, database, announcements.</summary>
    private async Task RunStoryStageAsync(
        InOrder<Analysed> analysed, SemaphoreSlim window, RunOutputs outputs, EmbeddedStore store, RunState state, TraceContext trace,
        IProgress<RunProgress>? progress, CancellationTokenSource stopRun, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await TellStoriesAsync(analysed, window, outputs, store, state, trace, progress, cancellationToken);
        }
        catch
        {
            await stopRun.CancelAsync();
            throw;
        }
    }

    private async Task TellStoriesAsync(
        InOrder<Analysed> analysed, SemaphoreSlim window, RunOutputs outputs, EmbeddedStore store, RunState state, TraceContext trace,
        IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var engine = state.Engine = new StoryEngine(stories);
        await foreach (var item in analysed.ReadAllAsync(cancellationToken))
        {
            window.Release();
            var cleaned = item.Cleaned;
            if (item.Error is { } error)
            {
                state.Failed++;
                await RejectAsync(new RejectedRecord(cleaned.File, cleaned.Line, AnalysisFailed,
                    $"document '{cleaned.Document.Id}' failed in NLP {Attempts} times: {error.GetType().Name}: {error.Message}", 0, Excerpt(cleaned.Document.Text)),
                    "nlp", null, outputs, store, state, trace, cancellationToken);
                continue;
            }

            var document = item.Document!;
            var storyStarted = Stopwatch.GetTimestamp();
            var story = StoryDocument.From(document, cleaned.Document.Title);
            var update = engine.Add(story);
            var writeStarted = Stopwatch.GetTimestamp();
            state.StoryTicks += writeStarted - storyStarted;
            var annotations = RunOutputs.DocumentJson(document);
            await outputs.WriteDocumentAsync(annotations, cancellationToken);
            var eventLines = new string[story.Events.Count];
            for (var i = 0; i < eventLines.Length; i++)
            {
                var storyEvent = story.Events[i];
                var cluster = update.EventClusters[storyEvent.Id];
                state.Clusters.Add(cluster);
                eventLines[i] = RunOutputs.EventLine(storyEvent, cluster, update.StorylineId);
                await outputs.WriteEventAsync(eventLines[i], cancellationToken);
            }

            state.Report.Add(document, story, update);
            await store.AddDocumentAsync(cleaned.Line, cleaned.Document, cleaned.Duplicate, annotations, story, update, eventLines, cancellationToken);
            state.WriteTicks += Stopwatch.GetTimestamp() - writeStarted;
            state.Analysed++;
            state.Tokens += document.TokenCount;
            state.Events += story.Events.Count;
            await bus.PublishManyAsync(NlpStream, Announcements(story, update, trace), cancellationToken);
            state.Storylines = engine.Storylines.Count;
            progress?.Report(state.Snapshot());
        }
    }

    private static List<CloudEvent> Announcements(StoryDocument story, StoryUpdate update, TraceContext trace)
    {
        var events = new List<CloudEvent>(1 + update.Changes.Count)
        {
            Announce(EventTypeNames.DocumentProcessed, NlpSource, story.Id + ":processed", story.Id, new
            {
                document_id = story.Id,
                storyline_id = update.StorylineId,
                events = story.Events.Count,
                entities = story.Entities.Count,
                links = update.Links.Count,
            }, trace),
        };
        foreach (var updated in update.Changes.Select(StorylineUpdated.From))
        {
            events.Add(Announce(EventTypeNames.StorylineUpdated, NlpSource, updated.EventId, updated.StorylineId, updated, trace));
        }

        return events;
    }

    private async Task RejectAsync(
        RejectedRecord record, string stage, string? runId, RunOutputs outputs, EmbeddedStore store, RunState state, TraceContext trace,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref state.Rejected);
        state.RejectedByCode.AddOrUpdate(record.Code, 1, (_, n) => n + 1);
        await outputs.WriteRejectedAsync(record, cancellationToken);
        await store.AddRejectedAsync(record, stage, cancellationToken);
        if (runId is not null)
        {
            await bus.PublishAsync(CleaningStream, Announce(EventTypeNames.DocumentRejected, CleaningSource,
                string.Create(CultureInfo.InvariantCulture, $"{runId}:{record.Line}:rejected"), runId, new
                {
                    job_id = runId,
                    reason = record.Code,
                    message = record.Reason,
                    input_location = new { file = record.File, line = record.Line },
                }, trace), cancellationToken);
        }
    }

    private static CloudEvent Announce<T>(string type, string source, string id, string subject, T data, TraceContext trace) =>
        (CloudEvent.Create(type, source, data) with { Id = id, Subject = subject }).WithTraceContext(trace.CreateChild());

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200];

    private static long CountLines(string file)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"input file '{file}' does not exist", file);
        }

        long lines = 0;
        foreach (var line in File.ReadLines(file))
        {
            lines += string.IsNullOrWhiteSpace(line) ? 0 : 1;
        }

        return lines;
    }

    private sealed record Cleaned(long Sequence, string File, long Line, CleanedDocument Document, DuplicateMatch? Duplicate);

    private sealed record Analysed(Cleaned Cleaned, Document? Document, Exception? Error);

    /// <summary>Stage 2's handler of <c>document.cleaned</c>: analyses the announced document and hands it to the story stage.</summary>
    private sealed class AnalysisHandler(
        NlpPipeline pipeline, ConcurrentDictionary<long, Cleaned> pending, InOrder<Analysed> analysed, RunState state, ILogger logger)
        : IEventProcessor
    {
        public Task HandleAsync(EventContext context)
        {
            var sequence = context.Event.Data!.Value.GetProperty("sequence").GetInt64();
            if (!pending.TryGetValue(sequence, out var cleaned))
            {
                throw new InvalidOperationException($"document.cleaned {context.Event.Id} names sequence {sequence}, which this run never cleaned");
            }

            var document = new Document(cleaned.Document.Text, cleaned.Document.Id) { PublishedAt = cleaned.Document.PublishedAt };
            var started = Stopwatch.GetTimestamp();
            try
            {
                foreach (var timing in pipeline.Process(document, context.CancellationToken))
                {
                    state.ComponentTicks.AddOrUpdate(timing.Component, timing.Elapsed.Ticks, (_, total) => total + timing.Elapsed.Ticks);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && context.Attempt >= Attempts)
            {
                Log.AnalysisFailed(logger, e, cleaned.Document.Id, cleaned.Line, (int)context.Attempt);
                pending.TryRemove(sequence, out _);
                analysed.Put(sequence, new Analysed(cleaned, null, e));
                return Task.CompletedTask;
            }

            Interlocked.Add(ref state.NlpTicks, Stopwatch.GetTimestamp() - started);
            pending.TryRemove(sequence, out _);
            analysed.Put(sequence, new Analysed(cleaned, document, null));
            return Task.CompletedTask;
        }
    }

    /// <summary>Counters of a run; written by one stage each, read for progress.</summary>
    private sealed class RunState(long inputLines)
    {
        public long Read;
        public long Cleaned;
        public long Rejected;
        public long Duplicates;
        public long Analysed;
        public long Failed;
        public long Tokens;
        public long Events;
        public readonly HashSet<string> Clusters = new(StringComparer.Ordinal);
        public StoryEngine? Engine;
        public volatile int Storylines;
        public long CleaningTicks;
        public long NlpTicks;
        public long StoryTicks;
        public long WriteTicks;
        public readonly ConcurrentDictionary<string, long> ComponentTicks = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, long> RejectedByCode = new(StringComparer.Ordinal);
        public readonly ReportWriter Report = new();

        /// <summary>Seconds spent per stage (NLP summed over its concurrent handlers).</summary>
        public Dictionary<string, double> StageSeconds() => new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["cleaning"] = Seconds(CleaningTicks),
            ["nlp"] = Seconds(Interlocked.Read(ref NlpTicks)),
            ["stories"] = Seconds(StoryTicks),
            ["writing"] = Seconds(WriteTicks),
        }.Concat(ComponentTicks.Select(c => KeyValuePair.Create("nlp." + c.Key, Math.Round(TimeSpan.FromTicks(c.Value).TotalSeconds, 3))))
         .ToDictionary(StringComparer.Ordinal);

        private static double Seconds(long ticks) => Math.Round((double)ticks / Stopwatch.Frequency, 3);

        public RunProgress Snapshot() =>
            new(inputLines, Interlocked.Read(ref Read), Interlocked.Read(ref Cleaned), Interlocked.Read(ref Rejected), Interlocked.Read(ref Analysed),
                Interlocked.Read(ref Events), Storylines);
    }
}
