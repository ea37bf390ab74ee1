using System.Runtime.CompilerServices;
using Storytelling.Stage1.Storage;
using Storytelling.Stage2.Triggering;

namespace Storytelling.Stage2.Input;

/// <summary>Stage 1's cleaned documents read from its PostgreSQL database (read-only; one query per document).</summary>
public sealed class Stage1DatabaseDocuments(Stage1Store stage1) : IStage1Documents
{
    public string Description => "Stage 1's database";

    public async Task<bool> HasJobAsync(string jobId, CancellationToken cancellationToken) =>
        await stage1.GetProgressAsync(jobId, cancellationToken) is not null;

    public async IAsyncEnumerable<Stage1Document> ReadJobAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in stage1.ReadJobDocumentsAsync(jobId, cancellationToken))
        {
            yield return From(document);
        }
    }

    public async Task<Stage1Document> ReadAsync(NlpWorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var stored = await stage1.GetDocumentAtLineAsync(item.JobId, item.Line, cancellationToken)
            ?? throw new InvalidDataException($"work item {item.JobId}:{item.Line}: Stage 1's database holds no cleaned document for job {item.JobId} line {item.Line}");
        return From(stored);
    }

    private static Stage1Document From(StoredDocument d) => new(d.Id, d.JobId, d.Line, d.BatchId, d.Title, d.Text, d.Language, d.PublishedAt);
}
