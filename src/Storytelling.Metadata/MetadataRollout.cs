using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Storytelling.Metadata;

/// <summary>
/// Percentage rollout (<c>METADATA_PERCENTAGE_ROLLOUT</c>): a job is in when a stable hash of its id (the first eight
/// bytes of its SHA-256, never <see cref="string.GetHashCode()"/>, which changes per process) modulo 100 is below the
/// percentage, so every process and every stage gives the same job the same answer; 0 takes none and 100 all.
/// </summary>
public static class MetadataRollout
{
    public static bool Includes(string jobId, int percentage)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentOutOfRangeException.ThrowIfNegative(percentage);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentage, 100);
        return percentage switch
        {
            0 => false,
            100 => true,
            _ => Bucket(jobId) < percentage,
        };
    }

    /// <summary>The job's bucket, 0-99.</summary>
    public static int Bucket(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(jobId), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % 100);
    }
}
