using System.Text.Json;
using Microsoft.Extensions.Logging;
using Storytelling.CloudEvents;
using Storytelling.Messaging;
using Storytelling.Stage1.Storage;

namespace Storytelling.Stage1.Jobs;

/// <summary>
/// Finishes a job whose every record has an outcome: writes its cleaned documents to
/// <c>&lt;output_dir&gt;/&lt;job id&gt;.jsonl</c> (a temporary file, then a rename), announces <c>job.completed</c>
/// (published once), then marks the job completed. Every step may repeat, in any process, so a worker that dies
/// between them leaves a state the next attempt finishes (ADR 7).
/// </summary>
public sealed class JobCompletion(Stage1Store store, IEventPublisher publisher, Stage1Options options, ILogger<JobCompletion> logger, TimeProvider time)
{
    private static readonly JsonSerializerOptions LineOptions = new(CloudEvent.DataJsonOptions) { WriteIndented = false };

    /// <summary>The JSONL file a job's cleaned documents are written to.</summary>
    public string OutputFile(string jobId) => Path.Combine(options.OutputDir, jobId + ".jsonl");

    /// <summary>Finishes the job if <paramref name="progress"/> says every record has an outcome; returns true if this call marked it completed.</summary>
    public async Task<bool> CompleteIfDoneAsync(JobProgress progress, string batchId, TraceContext trace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (!progress.IsComplete || progress.State == JobState.Completed)
        {
            return false;
        }

        var file = await ExportAsync(progress.JobId, cancellationToken);
        await publisher.PublishOnceAsync(options.EventStream, [Stage1Events.JobCompleted(progress, batchId, file, trace.CreateChild(), time)],
            options.PublishMemory, cancellationToken);
        var marked = await store.TryCompleteAsync(progress.JobId, time.GetUtcNow(), cancellationToken);
        if (marked)
        {
            Log.JobCompleted(logger, progress.JobId, progress.Submitted ?? 0, progress.Cleaned, progress.Rejected, progress.Duplicates, file);
        }

        return marked;
    }

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
