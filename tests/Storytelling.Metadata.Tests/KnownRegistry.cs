using Microsoft.Extensions.Logging.Abstractions;

namespace Storytelling.Metadata.Tests;

/// <summary>
/// A registry with known rows, delivered to its primary (also compiled into the CLI's tests): <see cref="Done"/> ran in
/// both stages with documents doc-1 and doc-2, whose events doc-1-ev1 (conflict, 10 Nov) and doc-2-ev1 (conflict,
/// 20 Nov) are in storyline sl-1 and doc-1-ev2 (meeting, 12 Nov) in none; <see cref="Failed"/> failed in Stage 1;
/// <see cref="Running"/> runs in Stage 2.
/// </summary>
internal sealed class KnownRegistry
{
    public string Done { get; } = Samples.NewJobId();

    public string Failed { get; } = Samples.NewJobId();

    public string Running { get; } = Samples.NewJobId();

    public static async Task<KnownRegistry> WriteAsync(MetadataRegistryOptions options)
    {
        var known = new KnownRegistry();
        await using var registry = MetadataRegistry.Start(options, RegistryTestOptions.Redis, NullLoggerFactory.Instance);
        var stage1 = registry.Recorder(RegistryStages.Stage1);
        var stage2 = registry.Recorder(RegistryStages.Stage2);
        var none = CancellationToken.None;
        await stage1.JobStartedAsync(known.Done, "batch-a", 2, none);
        await stage1.DocumentsWrittenAsync(Samples.Documents(known.Done, 2), none);
        await stage1.JobFinishedAsync(known.Done, null, none);
        await stage2.JobStartedAsync(known.Done, "batch-a", 2, none);
        await stage2.EventsWrittenAsync(
            [Samples.Event(known.Done, "doc-1", 1, "conflict", 10), Samples.Event(known.Done, "doc-1", 2, "meeting", 12), Samples.Event(known.Done, "doc-2", 1, "conflict", 20)],
            none);
        await stage2.StorylinesAssignedAsync(
            [new StorylineAssignment("doc-1-ev1", "doc-1", known.Done, "sl-1"), new StorylineAssignment("doc-2-ev1", "doc-2", known.Done, "sl-1")], none);
        await stage2.JobFinishedAsync(known.Done, null, none);
        await stage1.JobStartedAsync(known.Failed, "batch-b", 5, none);
        await stage1.JobFinishedAsync(known.Failed, "input unreadable at line 3", none);
        await stage2.JobStartedAsync(known.Running, "batch-c", 7, none);
        if (!await registry.WaitForDeliveryAsync(TimeSpan.FromSeconds(30), none))
        {
            throw new TimeoutException($"{registry.Pending} registry writes were not delivered within 30 s");
        }

        return known;
    }
}
