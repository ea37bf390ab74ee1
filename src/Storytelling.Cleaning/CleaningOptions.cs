using System.ComponentModel.DataAnnotations;
using Storytelling.Cleaning.Duplicates;

namespace Storytelling.Cleaning;

/// <summary>
/// The cleaning keys of section <c>stage1</c>: the quality filter's minimum length, the future-date tolerance and the
/// near-duplicate settings. The section's other keys (ports, streams, databases, worker concurrency) belong to the
/// Stage 1 service's own options and are not read here.
/// </summary>
public sealed class CleaningOptions : IValidatableObject
{
    public const string SectionName = "stage1";

    /// <summary>Cleaned texts shorter than this many characters are rejected as <c>too_short</c>.</summary>
    [Range(0, 1_000_000)]
    public int MinTextChars { get; set; } = 200;

    /// <summary>A publication date later than ingestion time plus this many minutes is flagged <c>future_date</c> and dropped.</summary>
    [Range(0, 525_600)]
    public int FutureDateToleranceMinutes { get; set; } = 10;

    /// <summary>Estimated Jaccard similarity of word shingles at or above which two texts are near-duplicates.</summary>
    [Range(0.05, 1.0)]
    public double NearDuplicateThreshold { get; set; } = 0.8;

    /// <summary>MinHash signature length; a multiple of <see cref="LshBands"/>.</summary>
    [Range(16, 1024)]
    public int MinhashPermutations { get; set; } = 128;

    /// <summary>LSH bands the signature is cut into; more bands find lower similarities as candidates.</summary>
    [Range(1, 1024)]
    public int LshBands { get; set; } = 32;

    public TimeSpan FutureDateTolerance => TimeSpan.FromMinutes(FutureDateToleranceMinutes);

    public NearDuplicateOptions ToNearDuplicateOptions() => new()
    {
        Threshold = NearDuplicateThreshold,
        Permutations = MinhashPermutations,
        Bands = LshBands,
    };

    /// <summary>Runs after the ranges hold (so <see cref="LshBands"/> is at least 1).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinhashPermutations % LshBands != 0)
        {
            var lower = MinhashPermutations / LshBands * LshBands;
            var suggestion = string.Join(" or ", new[] { lower, lower + LshBands }.Where(n => n is >= 16 and <= 1024));
            yield return new ValidationResult(
                $"must be a multiple of {SectionName}.lsh_bands ({LshBands}) so the signature splits into equal bands; "
                + $"use for example {suggestion}, or change {SectionName}.lsh_bands",
                [nameof(MinhashPermutations), nameof(LshBands)]);
        }
    }
}
