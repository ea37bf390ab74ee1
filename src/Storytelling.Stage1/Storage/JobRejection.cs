namespace Storytelling.Stage1.Storage;

/// <summary>One rejected record of a job, as shown in its status.</summary>
public sealed record JobRejection(long Line, RejectionStage Stage, string Code, string Reason);
