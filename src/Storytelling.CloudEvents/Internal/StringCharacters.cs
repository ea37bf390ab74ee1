using System.Text;

namespace Storytelling.CloudEvents.Internal;

/// <summary>
/// The CloudEvents <c>String</c> type: no control characters (U+0000-U+001F, U+007F-U+009F), no Unicode
/// noncharacters and no unpaired surrogates.
/// </summary>
internal static class StringCharacters
{
    public static string? Check(string value)
    {
        var index = 0;
        while (index < value.Length)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return $"contains an unpaired surrogate at index {index}";
            }

            var scalar = rune.Value;
            if (scalar <= 0x1F || (scalar >= 0x7F && scalar <= 0x9F))
            {
                return $"contains the control character U+{scalar:X4} at index {index}";
            }

            if ((scalar >= 0xFDD0 && scalar <= 0xFDEF) || (scalar & 0xFFFE) == 0xFFFE)
            {
                return $"contains the Unicode noncharacter U+{scalar:X4} at index {index}";
            }

            index += consumed;
        }

        return null;
    }
}
