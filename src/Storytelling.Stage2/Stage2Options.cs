using System.ComponentModel.DataAnnotations;

namespace Storytelling.Stage2;

/// <summary>
/// Section <c>stage2</c>: where Stage 2's work items and announcements go, its database, where it reads Stage 1's
/// documents, and the workers' concurrency. The event consumer's own keys are section <c>event_consumer</c>.
/// </summary>
public sealed class Stage2Options : IValidatableObject
{
    public const string SectionName = "stage2";

    [Range(1, 65535)]
    public int ApiPort { get; set; } = 8002;

    /// <summary>Where <c>nlp.document.processed</c>, <c>nlp.document.failed</c> and <c>nlp.job.completed</c> are announced.</summary>
    [Required]
    public string EventStream { get; set; } = "stage2:nlp:events";

    [Range(0, 15)]
    public int RedisDb { get; set; } = 3;

    /// <summary>The NLP work queue: one entry per document to analyse.</summary>
    [Required]
    public string WorkStream { get; set; } = "stage2:nlp:work";

    [Required]
    public string WorkGroup { get; set; } = "stage2-nlp-workers";

    /// <summary>Where workers read Stage 1's cleaned documents: <c>postgresql</c> (Stage 1's database).</summary>
    [Required]
    public string InputSource { get; set; } = "postgresql";

    public string InputDir { get; set; } = "/shared/stage1";

    public string OutputDir { get; set; } = "/shared/stage2";

    public bool ProgressiveSave { get; set; } = true;

    /// <summary>Documents one worker process analyses at once (CPU-bound work).</summary>
    [Range(1, 256)]
    public int WorkerConcurrency { get; set; } = 2;

    public IReadOnlyList<string> StorageBackends { get; set; } = ["jsonl", "postgresql"];

    [Required]
    public string PostgresDatabase { get; set; } = "stage2_nlp";

    /// <summary>Password for <see cref="PostgresDatabase"/>; empty = <c>postgres.password</c>.</summary>
    public string? PostgresPassword { get; set; }

    /// <summary>How long work items and announcements are remembered so a repeated step does not enqueue or announce twice.</summary>
    [Range(1, 8760)]
    public double PublishMemoryHours { get; set; } = 24;

    /// <summary>A dead worker's work items are taken over by the others after this long.</summary>
    [Range(1, 3600)]
    public double WorkReclaimIdleSeconds { get; set; } = 60;

    public TimeSpan PublishMemory => TimeSpan.FromHours(PublishMemoryHours);

    /// <summary>The dead-letter stream of the work queue.</summary>
    public string WorkDeadLetterStream => WorkStream + ":failed";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (InputSource != "postgresql")
        {
            yield return new ValidationResult(
                $"stage2.input_source '{InputSource}' is not supported yet; use postgresql (reading Stage 1's JSONL directory is planned)", [nameof(InputSource)]);
        }
    }
}
