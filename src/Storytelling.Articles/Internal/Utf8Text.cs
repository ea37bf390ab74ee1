using System.Text;
using System.Text.Unicode;

namespace Storytelling.Articles.Internal;

/// <summary>Byte-level checks on one line of UTF-8.</summary>
internal static class Utf8Text
{
    /// <summary>True when the line holds nothing but ASCII whitespace (space, tab, CR, vertical tab, form feed).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r\v\f"u8) < 0;

    /// <summary>The 0-based offset of the first byte that does not start a valid UTF-8 sequence, or -1.</summary>
    public static int FindInvalidByte(ReadOnlySpan<byte> line)
    {
        if (Utf8.IsValid(line))
        {
            return -1;
        }

        var offset = 0;
        while (offset < line.Length)
        {
            if (Rune.DecodeFromUtf8(line[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    /// <summary>
    /// The first <paramref name="maxChars"/> characters of the line, decoded leniently (invalid bytes become U+FFFD),
    /// never ending in half a surrogate pair.
    /// </summary>
    public static string Excerpt(ReadOnlySpan<byte> line, int maxChars)
    {
        if (maxChars <= 0 || line.IsEmpty)
        {
            return string.Empty;
        }

        // Every decoded character takes at most 3 bytes (a 4-byte sequence yields 2 characters),
        // so this many bytes always yield at least maxChars characters when the line is longer.
        var bytes = line[..(int)Math.Min(line.Length, 3L * maxChars + 3)];
        var text = Encoding.UTF8.GetString(bytes);
        if (text.Length <= maxChars)
        {
            return text;
        }

        var length = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return text[..length];
    }
}
