using System.ComponentModel.DataAnnotations;

namespace Storytelling.Messaging;

/// <summary>
/// When a producer pauses for a downstream consumer group (the seed's future work "backpressure"): it engages when the
/// group's lag (entries not yet delivered to it) passes <see cref="MaxLag"/> or its oldest pending entry is older than
/// <see cref="MaxPendingAgeSeconds"/>, and releases once the lag is at most <see cref="ResumeLag"/> and the oldest
/// pending entry at most <see cref="ResumePendingAgeSeconds"/> old (two thresholds, so it does not flap).
/// </summary>
public sealed class BackpressureOptions : IValidatableObject
{
    public bool Enabled { get; set; } = true;

    /// <summary>The consumer group whose lag is watched (on the producer's own stream).</summary>
    [Required]
    public string Group { get; set; } = "stage2-nlp-processor";

    [Range(1, long.MaxValue)]
    public long MaxLag { get; set; } = 1000;

    [Range(0, long.MaxValue)]
    public long ResumeLag { get; set; } = 500;

    [Range(1, 86_400)]
    public double MaxPendingAgeSeconds { get; set; } = 300;

    [Range(0, 86_400)]
    public double ResumePendingAgeSeconds { get; set; } = 60;

    /// <summary>How often the group is asked (XINFO GROUPS and XPENDING), also while paused.</summary>
    [Range(10, 60_000)]
    public int CheckIntervalMs { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ResumeLag >= MaxLag)
        {
            yield return new ValidationResult($"backpressure resume_lag ({ResumeLag}) must be below max_lag ({MaxLag})", [nameof(ResumeLag)]);
        }

        if (ResumePendingAgeSeconds >= MaxPendingAgeSeconds)
        {
            yield return new ValidationResult(
                $"backpressure resume_pending_age_seconds ({ResumePendingAgeSeconds}) must be below max_pending_age_seconds ({MaxPendingAgeSeconds})",
                [nameof(ResumePendingAgeSeconds)]);
        }
    }
}
