using System.ComponentModel.DataAnnotations;

namespace Storytelling.Cleaning.Duplicates;

/// <summary>MinHash + LSH settings (keys <c>stage1.near_duplicate_threshold</c>, <c>minhash_permutations</c>, <c>lsh_bands</c>).</summary>
public sealed class NearDuplicateOptions
{
    /// <summary>Estimated Jaccard similarity of word shingles at or above which two texts are near-duplicates.</summary>
    [Range(0.05, 1.0)]
    public double Threshold { get; set; } = 0.8;

    [Range(16, 1024)]
    public int Permutations { get; set; } = 128;

    /// <summary>LSH bands; <see cref="Permutations"/> must be a multiple. More bands find lower similarities as candidates.</summary>
    [Range(1, 1024)]
    public int Bands { get; set; } = 32;

    /// <summary>Words per shingle.</summary>
    [Range(1, 12)]
    public int ShingleWords { get; set; } = 3;
}
