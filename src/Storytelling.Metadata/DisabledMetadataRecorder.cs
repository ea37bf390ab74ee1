namespace Storytelling.Metadata;

/// <summary>The recorder when <c>metadata_registry.enabled</c> is false: every call returns at once and records nothing.</summary>
public sealed class DisabledMetadataRecorder(string stage) : IMetadataRecorder
{
    public string Stage { get; } = stage;

    public Task JobStartedAsync(string jobId, string? batchId, long? documentCount, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task JobFinishedAsync(string jobId, string? errorMessage, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> DocumentsWrittenAsync(IReadOnlyList<DocumentMetadata> documents, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<int> EventsWrittenAsync(IReadOnlyList<EventMetadata> events, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<int> StorylinesAssignedAsync(IReadOnlyList<StorylineAssignment> assignments, CancellationToken cancellationToken) => Task.FromResult(0);
}
