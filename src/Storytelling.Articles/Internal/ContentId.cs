using System.Security.Cryptography;
using System.Text;

namespace Storytelling.Articles.Internal;

/// <summary>
/// The id given to an article without one: <c>"sha256:"</c> followed by the first 32 lowercase hex digits
/// (128 bits) of the SHA-256 of the content's UTF-8 bytes, as given (after JSON unescaping, not trimmed).
/// </summary>
internal static class ContentId
{
    public const string Prefix = "sha256:";

    private const int HexDigits = 32;

    public static string Derive(string content)
    {
        var byteCount = Encoding.UTF8.GetByteCount(content);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = Encoding.UTF8.GetBytes(content, rented);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, written), hash);
            return Prefix + Convert.ToHexStringLower(hash[..(HexDigits / 2)]);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
