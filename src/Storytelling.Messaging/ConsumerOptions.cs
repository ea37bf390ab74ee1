using System.ComponentModel.DataAnnotations;

namespace Storytelling.Messaging;

/// <summary>
/// The consumer-group engine's settings: the seed's event consumer keys (section <c>event_consumer</c>). Other
/// consumers (work queues) build their own instance with their stream and group.
/// </summary>
public sealed class ConsumerOptions
{
    public const string SectionName = "event_consumer";

    public bool Enabled { get; set; } = true;

    [Required]
    [MinLength(1)]
    public string SourceStream { get; set; } = "stage1:cleaning:events";

    [Required]
    [MinLength(1)]
    public string ConsumerGroup { get; set; } = "stage2-nlp-processor";

    [Required]
    [MinLength(1)]
    public string ConsumerName { get; set; } = Environment.MachineName;

    /// <summary>Where a new group starts: <c>0</c> for the whole stream, <c>$</c> for new entries only, or an entry id.</summary>
    [Required]
    [RegularExpression(@"^(\$|0|\d+(-\d+)?)$", ErrorMessage = "allowed: 0, $ or a stream entry id such as 1700000000000-0")]
    public string StartId { get; set; } = "0";

    /// <summary>Event types to handle; others are acknowledged and counted as filtered. Empty means all.</summary>
    public IReadOnlyList<string> ConsumeEvents { get; set; } = [];

    /// <summary>False is the dry run: events are read without the group, logged and never processed or acknowledged.</summary>
    public bool AutoProcess { get; set; } = true;

    public bool BatchMode { get; set; } = true;

    /// <summary>The XREADGROUP BLOCK timeout; an entry is handled as soon as it arrives, whatever this is.</summary>
    [Range(1, 600_000)]
    public int PollIntervalMs { get; set; } = 1000;

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 10;

    [Range(1, 1024)]
    public int ConcurrentTasks { get; set; } = 5;

    public bool RetryFailed { get; set; } = true;

    /// <summary>How many attempts an event gets before it goes to the dead-letter stream.</summary>
    [Range(1, 100)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The base of the exponential backoff between attempts (doubled each attempt, with jitter).</summary>
    [Range(0.0, 3600.0)]
    public double RetryDelaySeconds { get; set; } = 5;

    [Required]
    [MinLength(1)]
    public string DeadLetterStream { get; set; } = "stage2:nlp:failed-events";

    /// <summary>Idempotency on CloudEvent <c>source</c> + <c>id</c>: an event already handled is acknowledged and skipped.</summary>
    public bool CheckAlreadyProcessed { get; set; } = true;

    [Range(0.001, 24 * 365)]
    public double DeduplicationTtlHours { get; set; } = 24;

    public bool ProcessBacklog { get; set; } = true;

    [Range(1, 100_000)]
    public int BacklogBatchSize { get; set; } = 100;

    /// <summary>Backlog entries older than this are acknowledged without processing (they stay in the stream for replay).</summary>
    [Range(0.0, 24 * 365)]
    public double BacklogMaxAgeHours { get; set; } = 24;

    /// <summary>Entries pending longer than this (a crashed or stuck consumer's) are claimed by this consumer.</summary>
    [Range(0.05, 86_400.0)]
    public double ReclaimIdleSeconds { get; set; } = 60;

    [Range(0.0, 3600.0)]
    public double ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>Where <c>serve --role event-consumer</c> serves <c>/health*</c> and <c>/metrics</c>; 0 = not served.</summary>
    [Range(0, 65_535)]
    public int HealthPort { get; set; } = 8000;
}
