using System.Buffers.Binary;

namespace Storytelling.Stage1.Storage.Internal;

/// <summary>A MinHash signature as stored in <c>documents.signature</c>: its 64-bit values little-endian, 8 bytes each.</summary>
internal static class SignatureBytes
{
    public static byte[] Encode(ulong[] signature)
    {
        var bytes = new byte[signature.Length * sizeof(ulong)];
        for (var i = 0; i < signature.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), signature[i]);
        }

        return bytes;
    }

    public static ulong[] Decode(byte[] bytes, int expectedLength, string jobId, long line)
    {
        if (bytes.Length != expectedLength * sizeof(ulong))
        {
            throw new InvalidOperationException(
                $"The stored MinHash signature of job {jobId} line {line} has {bytes.Length / (double)sizeof(ulong)} values, " +
                $"but minhash_permutations is {expectedLength}: the near-duplicate settings changed after documents were " +
                "stored, so new documents cannot be compared with them. Restore the settings the stored documents were written with.");
        }

        var signature = new ulong[expectedLength];
        for (var i = 0; i < signature.Length; i++)
        {
            signature[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)));
        }

        return signature;
    }
}
