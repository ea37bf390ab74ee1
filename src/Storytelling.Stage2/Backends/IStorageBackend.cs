namespace Storytelling.Stage2.Backends;

/// <summary>
/// A place analysed documents are written to (<c>stage2.storage_backends</c>). Writing a document again replaces what
/// an earlier write of it left (re-processing never duplicates). <see cref="MultiBackendWriter"/> calls the backends.
/// </summary>
public interface IStorageBackend
{
    /// <summary>The name in <c>stage2.storage_backends</c>.</summary>
    string Name { get; }

    Task WriteAsync(AnalysedDocument document, CancellationToken cancellationToken);

    /// <summary>
    /// Called once a job's every document is stored, before <c>nlp.job.completed</c> is announced (and again if that
    /// step repeats); returns what it wrote for the job, name → path (empty when it writes nothing then).
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> CompleteJobAsync(string jobId, CancellationToken cancellationToken);
}
