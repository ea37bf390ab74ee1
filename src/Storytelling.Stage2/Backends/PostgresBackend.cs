using Storytelling.Stage2.Storage;

namespace Storytelling.Stage2.Backends;

/// <summary>The required backend: Stage 2's PostgreSQL store (documents with annotations and full-text search, events), which the NLP API, the storyline builder and job completion read.</summary>
public sealed class PostgresBackend(Stage2Store store) : IStorageBackend
{
    public const string BackendName = "postgresql";

    private static readonly IReadOnlyDictionary<string, string> Nothing = new Dictionary<string, string>();

    public string Name => BackendName;

    public Task WriteAsync(AnalysedDocument document, CancellationToken cancellationToken) => store.SaveDocumentAsync(document, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> CompleteJobAsync(string jobId, CancellationToken cancellationToken) => Task.FromResult(Nothing);
}
