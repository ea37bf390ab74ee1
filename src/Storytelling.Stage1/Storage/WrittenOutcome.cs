using Storytelling.Cleaning.Duplicates;

namespace Storytelling.Stage1.Storage;

/// <summary>
/// What <see cref="Stage1Store.WriteOutcomesAsync"/> did with one outcome: <see cref="Inserted"/> is false when the
/// (job, line) was already stored (a redelivery), and <see cref="Duplicate"/> is the stored duplicate match either way
/// (null for an original document and for rejections).
/// </summary>
public sealed record WrittenOutcome(string JobId, long Line, string DocumentId, bool Inserted, DuplicateMatch? Duplicate);
