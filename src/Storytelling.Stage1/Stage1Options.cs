using System.ComponentModel.DataAnnotations;

namespace Storytelling.Stage1;

/// <summary>
/// The service keys of section <c>stage1</c>: where jobs' work items and announcements go, the database, the output
/// folder and the workers' concurrency. The cleaning keys of the same section are <c>CleaningOptions</c>.
/// </summary>
public sealed class Stage1Options
{
    public const string SectionName = "stage1";

    [Range(1, 65535)]
    public int ApiPort { get; set; } = 8001;

    /// <summary>Where <c>serve --role stage1-worker</c> serves <c>/health*</c> and <c>/metrics</c>; 0 = not served.</summary>
    [Range(0, 65535)]
    public int WorkerHealthPort { get; set; } = 8011;

    /// <summary>Where <c>document.cleaned</c>, <c>document.rejected</c> and <c>job.completed</c> are announced.</summary>
    [Required]
    public string EventStream { get; set; } = "stage1:cleaning:events";

    [Range(0, 15)]
    public int RedisDb { get; set; } = 1;

    /// <summary>The work queue: one entry per article of a job.</summary>
    [Required]
    public string WorkStream { get; set; } = "stage1:cleaning:work";

    [Required]
    public string WorkGroup { get; set; } = "stage1-cleaning-workers";

    [Required]
    public string PostgresDatabase { get; set; } = "stage1_cleaning";

    /// <summary>Password for <see cref="PostgresDatabase"/>; empty = <c>postgres.password</c>.</summary>
    public string? PostgresPassword { get; set; }

    /// <summary>Each completed job's cleaned documents are written to <c>&lt;output_dir&gt;/&lt;job id&gt;.jsonl</c>.</summary>
    [Required]
    public string OutputDir { get; set; } = "/shared/stage1";

    [Range(1000, long.MaxValue)]
    public long MaxStreamLength { get; set; } = 1_000_000;

    /// <summary>Articles one worker process cleans at once (CPU-bound work).</summary>
    [Range(1, 256)]
    public int WorkerConcurrency { get; set; } = 4;

    /// <summary>A dead worker's work items are taken over by the others after this long.</summary>
    [Range(1, 3600)]
    public double WorkReclaimIdleSeconds { get; set; } = 30;

    /// <summary>How long announcements are remembered so a repeated step does not announce twice.</summary>
    [Range(1, 8760)]
    public double PublishMemoryHours { get; set; } = 24;

    public TimeSpan PublishMemory => TimeSpan.FromHours(PublishMemoryHours);

    /// <summary>
    /// How long a submission keeps re-sending a chunk of work items whose publish hit a Redis timeout or a lost
    /// connection (delay doubling from 250 ms to 5 s, with jitter) before the job fails; 0 = fail at once.
    /// </summary>
    [Range(0, 3600)]
    public double SubmitRetrySeconds { get; set; } = 60;

    /// <summary>The dead-letter stream of the work queue.</summary>
    public string WorkDeadLetterStream => WorkStream + ":failed";
}
