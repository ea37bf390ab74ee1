using System.Security.Cryptography;
using System.Text;

namespace Storytelling.Stories.Internal;

/// <summary>Ids that depend only on their seed: a prefix and the first 12 hex digits of the SHA-256 of the seed (UTF-8).</summary>
internal static class StableIds
{
    public static string Storyline(string firstDocumentId) => "story-" + Hex12(firstDocumentId);

    public static string EventCluster(string firstEventId) => "evc-" + Hex12(firstEventId);

    private static string Hex12(string seed)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(seed), hash);
        return Convert.ToHexStringLower(hash[..6]);
    }
}
