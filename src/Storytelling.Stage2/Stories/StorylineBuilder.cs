using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Storytelling.CloudEvents;
using Storytelling.Hosting;
using Storytelling.Messaging;
using Storytelling.Metadata;
using Storytelling.Stories;

namespace Storytelling.Stage2.Stories;

/// <summary>
/// Storylines in the distributed mode (ADR 8): one consumer (concurrency 1, its own group on Stage 2's event stream)
/// takes each <c>nlp.document.processed</c> in stream order, adds the document to the story engine, saves what
/// changed (the document's place in the log, its events' clusters and storyline, the links, the changed storylines) in
/// one transaction, and announces <c>nlp.storyline.updated</c> per changed storyline (published once per storyline
/// version). The engine's state lives in memory; <see cref="CreateAsync"/> rebuilds it from the log, so a restarted
/// builder continues the same storylines with the same ids; so does a builder whose save failed (it rebuilds before the
/// retry, since its engine then holds a document the store does not). A redelivered document already in the log is not added
/// again; its storyline's current version is announced again (published once, so nothing repeats). The consumer runs
/// one handler at a time (<see cref="ConsumerOptions.ConcurrentTasks"/> 1), which the engine requires.
/// </summary>
public sealed class StorylineBuilder : IEventProcessor
{
    public const string Group = "stage2-storylines";

    private readonly StorylineStore _store;
    private readonly StoryOptions _storyOptions;
    private StoryEngine _engine;
    private bool _stale;
    private readonly IEventPublisher _publisher;
    private readonly Stage2Options _options;
    private readonly ILogger<StorylineBuilder> _logger;
    private readonly TimeProvider _time;

    private StorylineBuilder(StorylineStore store, StoryOptions storyOptions, IEventPublisher publisher, Stage2Options options, ILogger<StorylineBuilder> logger, TimeProvider time)
    {
        _store = store;
        _storyOptions = storyOptions;
        _engine = new StoryEngine(storyOptions);
        _publisher = publisher;
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <summary>The registry's recorder of Stage 2: each added document's events are recorded with their storyline. Set before the builder runs.</summary>
    public IMetadataRecorder? Metadata { get; set; }

    /// <summary>How many documents the engine holds.</summary>
    public int Documents { get; private set; }

    /// <summary>A builder whose engine has replayed every document of the log, in order.</summary>
    public static async Task<StorylineBuilder> CreateAsync(
        StorylineStore store, StoryOptions storyOptions, IEventPublisher publisher, Stage2Options options, ILogger<StorylineBuilder> logger, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var builder = new StorylineBuilder(store, storyOptions, publisher, options, logger, time);
        await builder.RebuildAsync(cancellationToken);
        return builder;
    }

    /// <summary>A fresh engine that replays the log, in order.</summary>
    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var engine = new StoryEngine(_storyOptions);
        var documents = 0;
        await foreach (var (jobId, line) in _store.ReadLogAsync(cancellationToken))
        {
            var document = await _store.LoadAsync(jobId, line, cancellationToken)
                ?? throw new InvalidDataException($"stage2.story_log names job {jobId} line {line}, but stage2.documents no longer holds it");
            engine.Add(document);
            documents++;
        }

        _engine = engine;
        Documents = documents;
        _stale = false;
        Log.StorylinesRebuilt(_logger, documents, engine.Storylines.Count);
    }

    public IReadOnlyList<Storyline> Storylines => _engine.Storylines;

    public async Task HandleAsync(EventContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cloudEvent = context.Event;
        if (cloudEvent.Type != EventTypes.DocumentProcessed || cloudEvent.Data is not { } data)
        {
            return;
        }

        var jobId = data.GetProperty("job_id").GetString()!;
        var line = data.GetProperty("line").GetInt64();
        var trace = TraceContext.TryParse(cloudEvent.TraceParent, out var parent) ? parent.CreateChild() : TraceContext.CreateNew();
        if (_stale)
        {
            await RebuildAsync(context.CancellationToken);
        }

        if (await _store.IsLoggedAsync(jobId, line, context.CancellationToken))
        {
            // Added before a crash or a redelivery: announce its storyline's current version (published once).
            var storylineId = _engine.StorylineOf(data.GetProperty("document_id").GetString()!);
            var current = _engine.Storylines.FirstOrDefault(s => s.Id == storylineId);
            if (current is not null)
            {
                await AnnounceAsync([new StorylineChange(current, false, [], [], null)], trace, context.CancellationToken);
            }

            return;
        }

        var document = await _store.LoadAsync(jobId, line, context.CancellationToken)
            ?? throw new InvalidDataException($"event {cloudEvent.Id}: stage2.documents holds no document for job {jobId} line {line}");
        var started = Stopwatch.GetTimestamp();
        var update = _engine.Add(document);
        PipelineMetrics.Document(PipelineMetrics.Stories, "placed", Stopwatch.GetElapsedTime(started));
        Documents++;
        if (Metadata is not null)
        {
            // Recorded before the save: a failed save rebuilds the engine and records the document's storyline again (the latest wins).
            await Metadata.StorylinesAssignedAsync(
                [.. document.Events.Select(e => new StorylineAssignment(e.Id, document.Id, jobId, update.StorylineId))], context.CancellationToken);
        }

        try
        {
            await _store.SaveAsync(jobId, line, update, _time.GetUtcNow(), context.CancellationToken);
        }
        catch
        {
            // The engine holds a document the store does not: rebuild it from the log before the retry.
            _stale = true;
            throw;
        }

        await AnnounceAsync(update.Changes, trace, context.CancellationToken);
    }

    private async Task AnnounceAsync(IReadOnlyList<StorylineChange> changes, TraceContext trace, CancellationToken cancellationToken) =>
        await _publisher.PublishOnceAsync(_options.EventStream, [.. changes.Select(change => Updated(change, trace))], _options.PublishMemory, cancellationToken);

    private CloudEvent Updated(StorylineChange change, TraceContext trace)
    {
        var updated = StorylineUpdated.From(change);
        return (CloudEvent.Create(EventTypes.StorylineUpdated, Stage2Events.Source, updated, timeProvider: _time) with
        {
            Id = updated.EventId,
            Subject = updated.StorylineId,
        }).WithTraceContext(trace);
    }
}
