using System.Text;

namespace Storytelling.Cleaning.Internal;

/// <summary>
/// Repairs text that was UTF-8 but decoded as Windows-1252 (or Latin-1): "cafÃ©" → "café", "donâ€™t" → "don’t".
/// Works run by run: a maximal run of characters that are single bytes in Windows-1252 (U+0080-U+00FF and the
/// 27 Windows-1252 letters and signs) is turned back into those bytes and decoded as UTF-8; the run is replaced
/// only when that decoding is valid UTF-8 and shorter. Correct text is left alone because an accented letter
/// on its own, or two in a row, is not a valid UTF-8 sequence.
/// </summary>
internal static class Mojibake
{
    private static readonly Dictionary<char, byte> Windows1252 = new()
    {
        ['€'] = 0x80,
        ['‚'] = 0x82,
        ['ƒ'] = 0x83,
        ['„'] = 0x84,
        ['…'] = 0x85,
        ['†'] = 0x86,
        ['‡'] = 0x87,
        ['ˆ'] = 0x88,
        ['‰'] = 0x89,
        ['Š'] = 0x8A,
        ['‹'] = 0x8B,
        ['Œ'] = 0x8C,
        ['Ž'] = 0x8E,
        ['‘'] = 0x91,
        ['’'] = 0x92,
        ['“'] = 0x93,
        ['”'] = 0x94,
        ['•'] = 0x95,
        ['–'] = 0x96,
        ['—'] = 0x97,
        ['˜'] = 0x98,
        ['™'] = 0x99,
        ['š'] = 0x9A,
        ['›'] = 0x9B,
        ['œ'] = 0x9C,
        ['ž'] = 0x9E,
        ['Ÿ'] = 0x9F,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Repair(string text)
    {
        if (!LooksBroken(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!TryByte(text[i], out _))
            {
                builder.Append(text[i++]);
                continue;
            }

            var start = i;
            while (i < text.Length && TryByte(text[i], out _))
            {
                i++;
            }

            builder.Append(RepairRun(text.AsSpan(start, i - start)));
        }

        return builder.ToString();
    }

    private static bool LooksBroken(string text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            // Lead bytes of 2-4 byte UTF-8 sequences read as Windows-1252 (Â..ô) followed by a continuation byte.
            if (text[i] is >= '\u00C2' and <= '\u00F4' && TryByte(text[i + 1], out var next) && next is >= 0x80 and <= 0xBF)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decodes every valid UTF-8 sequence inside the run; characters that start none are kept as they are.</summary>
    private static string RepairRun(ReadOnlySpan<char> run)
    {
        var bytes = new byte[run.Length];
        for (var i = 0; i < run.Length; i++)
        {
            TryByte(run[i], out bytes[i]);
        }

        var builder = new StringBuilder(run.Length);
        var position = 0;
        while (position < bytes.Length)
        {
            var length = bytes[position] switch
            {
                >= 0xC2 and <= 0xDF => 2,
                >= 0xE0 and <= 0xEF => 3,
                >= 0xF0 and <= 0xF4 => 4,
                _ => 0,
            };
            if (length > 0 && position + length <= bytes.Length && TryDecode(bytes.AsSpan(position, length), out var decoded))
            {
                builder.Append(decoded);
                position += length;
            }
            else
            {
                builder.Append(run[position]);
                position++;
            }
        }

        return builder.ToString();
    }

    private static bool TryDecode(ReadOnlySpan<byte> sequence, out string decoded)
    {
        decoded = "";
        for (var i = 1; i < sequence.Length; i++)
        {
            if (sequence[i] is < 0x80 or > 0xBF)
            {
                return false;
            }
        }

        try
        {
            decoded = StrictUtf8.GetString(sequence);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool TryByte(char c, out byte value)
    {
        if (c is >= '\u0080' and <= '\u00FF')
        {
            value = (byte)c;
            return true;
        }

        return Windows1252.TryGetValue(c, out value);
    }
}
