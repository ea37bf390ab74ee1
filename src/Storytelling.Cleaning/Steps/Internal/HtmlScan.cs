using System.Text.RegularExpressions;

namespace Storytelling.Cleaning.Steps.Internal;

/// <summary>Cheap linear checks over raw markup, run before the parser sees it.</summary>
internal static partial class HtmlScan
{
    private static readonly HashSet<string> VoidOrImplied = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot", "rt", "rp",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "textarea", "title" };

    /// <summary>True when <paramref name="text"/> contains a known HTML tag, comment or doctype (a stray <c>&lt;</c> does not count).</summary>
    public static bool LooksLikeHtml(string text) => text.Contains('<', StringComparison.Ordinal) && KnownTag().IsMatch(text);

    /// <summary>
    /// The deepest nesting of elements, counting start tags minus end tags; elements that close themselves
    /// implicitly (p, li, td, ...) and void elements do not count, and raw text (script, style) and comments are skipped.
    /// Stops counting as soon as <paramref name="limit"/> is exceeded.
    /// </summary>
    public static int MaxDepth(string html, int limit)
    {
        var depth = 0;
        var max = 0;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                break;
            }

            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }

            var closing = html[lt + 1] == '/';
            var start = lt + (closing ? 2 : 1);
            var nameEnd = start;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
            {
                nameEnd++;
            }

            if (nameEnd == start || !char.IsAsciiLetter(html[start]))
            {
                i = lt + 1;
                continue;
            }

            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0)
            {
                break;
            }

            var name = html.AsSpan(start, nameEnd - start);
            var lookup = VoidOrImplied.GetAlternateLookup<ReadOnlySpan<char>>();
            var selfClosing = html[tagEnd - 1] == '/';
            i = tagEnd + 1;
            if (lookup.Contains(name) || selfClosing)
            {
                continue;
            }

            if (closing)
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            if (++depth > max)
            {
                max = depth;
                if (max > limit)
                {
                    return max;
                }
            }

            if (RawText.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
            {
                var close = html.IndexOf("</" + name.ToString(), i, StringComparison.OrdinalIgnoreCase);
                if (close >= 0)
                {
                    i = close;
                }
            }
        }

        return max;
    }

    [GeneratedRegex(@"<(?:!doctype|!--|/?(?:html|head|body|p|div|span|br|a|b|i|em|strong|h[1-6]|ul|ol|li|table|tr|td|article|main|section|header|footer|nav|aside|script|style|img|figure|figcaption|blockquote|pre|code|meta|link|iframe|form|button|noscript|template|svg|time|sup|sub|small|hr|dl|dt|dd|u|s|font|center|label|input)\b[^<>]*/?>)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KnownTag();
}
