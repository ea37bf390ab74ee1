using System.Security.Cryptography;
using System.Text;

namespace Storytelling.Metadata;

/// <summary>The registry's uuids for the pipeline's ids.</summary>
public static class RegistryIds
{
    private static readonly byte[] Namespace = Guid.Parse("5b0f6a1c-6d2e-4c55-9a57-3f1c2a8e7d40").ToByteArray(bigEndian: true);

    /// <summary>
    /// The uuid of a job id: the 32 hex digits of <c>job-</c>&lt;guid&gt; or a plain uuid as they are, any other id a
    /// name-based (version 5) uuid of its text, so the same id always gets the same uuid.
    /// </summary>
    public static Guid JobUuid(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var text = jobId.StartsWith("job-", StringComparison.Ordinal) ? jobId[4..] : jobId;
        return Guid.TryParseExact(text, "N", out var guid) || Guid.TryParseExact(text, "D", out guid) ? guid : NameBased(jobId);
    }

    /// <summary>The OpenLineage run id of a job's run in one stage (a version 5 uuid of both).</summary>
    public static Guid RunUuid(string jobId, string stage) => NameBased(stage + "/" + jobId);

    private static Guid NameBased(string name)
    {
        var bytes = new byte[Namespace.Length + Encoding.UTF8.GetByteCount(name)];
        Namespace.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(Namespace.Length));
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5 uuids, not a security use.
        var hash = SHA1.HashData(bytes);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
