using System.Globalization;
using System.Net;
using System.Text;
using Storytelling.Cleaning.Internal;

namespace Storytelling.Cleaning.Steps;

/// <summary>
/// Normalizes article text in a fixed order: HTML entities decoded (twice at most, for double-encoded feeds),
/// mojibake repaired (UTF-8 read as Windows-1252 or Latin-1), Unicode NFC, control and invisible characters
/// removed (zero-width space, word joiner, BOM, soft hyphen; joiners that scripts and emoji need are kept),
/// whitespace normalized (every space-like character a space, one space between words, lines trimmed, at most
/// one blank line between paragraphs). Each change is named in <see cref="NormalizedText.Repairs"/>.
/// </summary>
public static class TextNormalizer
{
    public const string EntitiesDecoded = "entities_decoded";
    public const string MojibakeRepaired = "mojibake_repaired";
    public const string ControlCharactersRemoved = "control_characters_removed";
    public const string InvisibleCharactersRemoved = "invisible_characters_removed";
    public const string UnicodeNormalized = "unicode_nfc";

    public static NormalizedText Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var repairs = new List<string>(4);
        var current = text;

        if (current.Contains('&', StringComparison.Ordinal))
        {
            var decoded = current;
            for (var round = 0; round < 2 && decoded.Contains('&', StringComparison.Ordinal); round++)
            {
                var next = WebUtility.HtmlDecode(decoded);
                if (next == decoded)
                {
                    break;
                }

                decoded = next;
            }

            current = Record(current, decoded, EntitiesDecoded, repairs);
        }

        current = Record(current, Mojibake.Repair(current), MojibakeRepaired, repairs);
        if (!current.IsNormalized(NormalizationForm.FormC))
        {
            current = Record(current, current.Normalize(NormalizationForm.FormC), UnicodeNormalized, repairs);
        }

        current = RemoveUnwanted(current, repairs);
        return new NormalizedText(NormalizeWhitespace(current), repairs);
    }

    /// <summary>Whitespace only: CRLF to LF, space-like characters to spaces, runs collapsed, lines trimmed, paragraphs kept.</summary>
    public static string NormalizeWhitespace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingNewlines = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085' or '\f' or '\v')
            {
                if (c != '\r')
                {
                    pendingNewlines = c == '\u2029' ? 2 : pendingNewlines + 1;
                }

                pendingSpace = false;
                continue;
            }

            if (c == '\t' || char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator)
            {
                pendingSpace = true;
                continue;
            }

            if (builder.Length > 0)
            {
                if (pendingNewlines > 0)
                {
                    builder.Append(pendingNewlines >= 2 ? "\n\n" : "\n");
                }
                else if (pendingSpace)
                {
                    builder.Append(' ');
                }
            }

            pendingNewlines = 0;
            pendingSpace = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string RemoveUnwanted(string text, List<string> repairs)
    {
        StringBuilder? builder = null;
        bool control = false, invisible = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var isControl = char.IsControl(c) && c is not ('\n' or '\r' or '\t');
            var isInvisible = c is '\u200B' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
            if (isControl || isInvisible)
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                control |= isControl;
                invisible |= isInvisible;
                continue;
            }

            builder?.Append(c);
        }

        if (control)
        {
            repairs.Add(ControlCharactersRemoved);
        }

        if (invisible)
        {
            repairs.Add(InvisibleCharactersRemoved);
        }

        return builder?.ToString() ?? text;
    }

    private static string Record(string before, string after, string repair, List<string> repairs)
    {
        if (!ReferenceEquals(before, after) && before != after)
        {
            repairs.Add(repair);
        }

        return after;
    }
}
