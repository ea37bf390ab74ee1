using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Storytelling.Stage2.Api.Internal;

/// <summary>
/// The opaque <c>after</c> cursors of paged lists: the position of a page's last row as a JSON array of strings behind
/// a kind tag (so an events cursor is not taken for a storylines one), base64url-encoded.
/// </summary>
internal static class PageCursor
{
    public static string Encode(string kind, params string[] parts) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes((string[])[kind, .. parts]));

    /// <summary>The parts of <paramref name="raw"/>, or null when it is not a cursor of <paramref name="kind"/> with <paramref name="count"/> parts.</summary>
    public static string[]? Decode(string raw, string kind, int count)
    {
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(raw));
            return parts is { Length: var length } && length == count + 1 && parts[0] == kind && parts.All(p => p is not null) ? parts[1..] : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }
}
