using Storytelling.Stage2.Triggering;

namespace Storytelling.Stage2.Input;

/// <summary>
/// Where Stage 2 reads Stage 1's cleaned documents (<c>stage2.input_source</c>): Stage 1's PostgreSQL
/// (<see cref="Stage1DatabaseDocuments"/>) or its job files (<see cref="Stage1JsonlDocuments"/>).
/// </summary>
public interface IStage1Documents
{
    /// <summary>Where this source reads, for messages (<c>Stage 1's database</c>, <c>Stage 1's job files in ...</c>).</summary>
    string Description { get; }

    /// <summary>Whether Stage 1 has the job here (its database row, its completed job's file).</summary>
    Task<bool> HasJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Every cleaned document of a Stage 1 job, in line order (the batch trigger's list of work).</summary>
    IAsyncEnumerable<Stage1Document> ReadJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>The document a work item names; throws <see cref="InvalidDataException"/> naming the item and the place when there is none.</summary>
    Task<Stage1Document> ReadAsync(NlpWorkItem item, CancellationToken cancellationToken);
}
