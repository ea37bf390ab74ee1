using System.Text.Json;
using Microsoft.Extensions.Logging;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Metadata;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage1.Jobs;

/// <summary>
/// Finishes a job whose every record has an outcome: writes its cleaned documents to
/// <c>&lt;output_dir&gt;/&lt;job id&gt;.jsonl</c> (a temporary file, then a rename), announces <c>job.completed</c>
/// (published once) after every record's own announcement, then marks the job completed. Every step may repeat, in any process, so a worker that dies
/// between them leaves a state the next attempt finishes (ADR 7).
/// </summary>
public sealed class JobCompletion(
    Stage1Store store, IEventPublisher publisher, Stage1Options options, ILogger<JobCompletion> logger, TimeProvider time, IMetadataRecorder? metadata = null)
{
    private static readonly JsonSerializerOptions LineOptions = new(CloudEvent.DataJsonOptions) { WriteIndented = false };

    /// <summary>The JSONL file a job's cleaned documents are written to.</summary>
    public string OutputFile(string jobId) => Path.Combine(options.OutputDir, jobId + ".jsonl");

    /// <summary>
    /// Announces the outcome of one or more records of a job (published once) and counts the announcement towards the
    /// job: every record's announcement goes through here, so the count reaching the submitted total means every one
    /// of them is on the stream, whoever published it, and <c>job.completed</c> can follow them. Then finishes the
    /// job if it is done. <paramref name="written"/> is the job's progress when the caller stored its outcome (null
    /// when it has none).
    /// </summary>
    public async Task AnnounceAsync(string jobId, string batchId, IReadOnlyList<CloudEvent> announcements, JobProgress? written, TraceContext trace, CancellationToken cancellationToken)
    {
        var published = await publisher.PublishOnceCountedAsync(options.EventStream, announcements, options.PublishMemory, AnnouncedCounter(jobId), cancellationToken);
        if (written is { Submitted: { } submitted } && published.Count < submitted)
        {
            return;
        }

        // The total was unknown when the outcome was stored (submission still going on), or every announcement is
        // out: read the job as it is now, after this announcement.
        await CompleteIfDoneAsync(jobId, batchId, published.Count, trace, cancellationToken);
    }

    /// <summary>Finishes the job if its submitted total is known and every record has been announced; returns true if this call marked it completed.</summary>
    public async Task<bool> CompleteIfAnnouncedAsync(string jobId, string batchId, TraceContext trace, CancellationToken cancellationToken)
    {
        var announced = await publisher.PublishOnceCountedAsync(options.EventStream, [], options.PublishMemory, AnnouncedCounter(jobId), cancellationToken);
        return await CompleteIfDoneAsync(jobId, batchId, announced.Count, trace, cancellationToken);
    }

    private async Task<bool> CompleteIfDoneAsync(string jobId, string batchId, long announced, TraceContext trace, CancellationToken cancellationToken)
    {
        var progress = await store.GetProgressAsync(jobId, cancellationToken);
        if (progress is null || !progress.IsComplete || progress.State == JobState.Completed || announced < progress.Submitted)
        {
            return false;
        }

        var file = await ExportAsync(progress.JobId, cancellationToken);
        await publisher.PublishOnceAsync(options.EventStream, [Stage1Events.JobCompleted(progress, batchId, file, trace.CreateChild(), time)],
            options.PublishMemory, cancellationToken);
        var marked = await store.TryCompleteAsync(progress.JobId, time.GetUtcNow(), cancellationToken);
        if (marked)
        {
            await (metadata?.JobFinishedAsync(progress.JobId, null, cancellationToken) ?? Task.CompletedTask);
            Log.JobCompleted(logger, progress.JobId, progress.Submitted ?? 0, progress.Cleaned, progress.Rejected, progress.Duplicates, file);
        }

        return marked;
    }

    private static string AnnouncedCounter(string jobId) => $"stage1-job-announced:{jobId}";

    private async Task<string> ExportAsync(string jobId, CancellationToken cancellationToken)
    {
        var file = OutputFile(jobId);
        Directory.CreateDirectory(options.OutputDir);
        var temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await foreach (var document in store.ReadJobDocumentsAsync(jobId, cancellationToken))
                {
                    await JsonSerializer.SerializeAsync(stream, CleanedLine.From(document), LineOptions, cancellationToken);
                    stream.WriteByte((byte)'\n');
                }
            }

            File.Move(temporary, file, overwrite: true);
            return file;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>One line of a job's cleaned JSONL (DESIGN.md: id, title, text, language, content hash, near-duplicate group, source fields).</summary>
    private sealed record CleanedLine(
        string Id, string JobId, string BatchId, long Line, string? Title, string Text, string Language, string ContentHash,
        string? DuplicateGroup, string? DuplicateKind, string? DuplicateOf, double? DuplicateSimilarity, string? Source, string? Url,
        IReadOnlyList<string> Authors, DateTimeOffset? PublishedAt, IReadOnlyList<string> DateFlags, int CharacterCount)
    {
        public static CleanedLine From(StoredDocument d) => new(
            d.Id, d.JobId, d.BatchId, d.Line, d.Title, d.Text, d.Language, d.ContentHash, d.DuplicateGroup,
            d.DuplicateKind?.ToString().ToLowerInvariant(), d.DuplicateOf, d.DuplicateSimilarity, d.Source, d.Url, d.Authors,
            d.PublishedAt, d.DateFlags, d.CharacterCount);
    }
}
