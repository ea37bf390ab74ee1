using System.Text;
using Storytelling.Stage2.Storage;

namespace Storytelling.Stage2.Backends;

/// <summary>
/// JSONL files per job under <c>stage2.output_dir</c>: when the job completes, <c>&lt;job id&gt;/documents.jsonl</c>
/// and <c>events.jsonl</c> are written from PostgreSQL in input-line order (a temporary file, then a rename), so a
/// re-processed document appears once and a repeated completion step rewrites the same files. With
/// <c>stage2.progressive_save</c> each document is also appended to <c>documents.partial.jsonl</c> and
/// <c>events.partial.jsonl</c> as it is analysed (flushed per document; a re-processed document appears again there);
/// the partial files are removed once the final ones are in place.
/// </summary>
public sealed class JsonlBackend(Stage2Store store, string outputDir, bool progressiveSave) : IStorageBackend, IDisposable
{
    public const string BackendName = "jsonl";
    public const string DocumentsFile = "documents.jsonl";
    public const string EventsFile = "events.jsonl";
    public const string PartialDocumentsFile = "documents.partial.jsonl";
    public const string PartialEventsFile = "events.partial.jsonl";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly SemaphoreSlim _appending = new(1);

    public string Name => BackendName;

    /// <summary>The folder of a job's files.</summary>
    public string DirectoryOf(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        if (jobId.AsSpan().IndexOfAny(['/', '\\', '\0']) >= 0 || jobId.StartsWith('.'))
        {
            throw new InvalidDataException($"job id '{jobId}' cannot name a folder in {outputDir}");
        }

        return Path.Combine(outputDir, jobId);
    }

    public async Task WriteAsync(AnalysedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!progressiveSave)
        {
            return;
        }

        var directory = DirectoryOf(document.Item.JobId);
        var events = new StringBuilder();
        foreach (var analysedEvent in document.Events)
        {
            events.Append(analysedEvent.Json).Append('\n');
        }

        // One write per file and document, serialized in this process and, through the file lock, with other workers
        // on this machine: lines of documents written at once do not interleave.
        await _appending.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(directory);
            await AppendAsync(Path.Combine(directory, PartialDocumentsFile), document.AnnotationsJson + "\n", cancellationToken);
            if (events.Length > 0)
            {
                await AppendAsync(Path.Combine(directory, PartialEventsFile), events.ToString(), cancellationToken);
            }
        }
        finally
        {
            _appending.Release();
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> CompleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var directory = DirectoryOf(jobId);
        Directory.CreateDirectory(directory);
        var documents = Path.Combine(directory, DocumentsFile);
        var events = Path.Combine(directory, EventsFile);
        await ReplaceAsync(documents, store.ReadDocumentLinesAsync(jobId, cancellationToken), cancellationToken);
        await ReplaceAsync(events, store.ReadEventLinesAsync(jobId, cancellationToken), cancellationToken);
        File.Delete(Path.Combine(directory, PartialDocumentsFile));
        File.Delete(Path.Combine(directory, PartialEventsFile));
        return new Dictionary<string, string> { ["documents"] = documents, ["events"] = events };
    }

    public void Dispose() => _appending.Dispose();

    private static async Task AppendAsync(string file, string text, CancellationToken cancellationToken)
    {
        var bytes = Utf8.GetBytes(text);
        await using var stream = await OpenLockedAsync(file, cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Opens the file at its end, locked against other processes (FileShare.None), waiting a little while another holds it.</summary>
    private static async Task<FileStream> OpenLockedAsync(string file, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true);
            }
            catch (IOException) when (attempt < 200 && File.Exists(file))
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }

    private static async Task ReplaceAsync(string file, IAsyncEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var writer = new StreamWriter(
                new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true), Utf8))
            {
                await foreach (var line in lines.WithCancellation(cancellationToken))
                {
                    await writer.WriteAsync(line.AsMemory(), cancellationToken);
                    await writer.WriteAsync("\n".AsMemory(), cancellationToken);
                }
            }

            File.Move(temporary, file, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
