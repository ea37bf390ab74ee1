namespace Storytelling.Stage1.Storage;

/// <summary>The result of one write batch: one entry per outcome, in the order given, and every touched job's progress after the commit.</summary>
public sealed record OutcomeBatchResult(IReadOnlyList<WrittenOutcome> Outcomes, IReadOnlyList<JobProgress> Jobs);
