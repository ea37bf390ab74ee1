using System.Text;
using System.Text.RegularExpressions;

namespace Storytelling.Cleaning.Steps;

/// <summary>
/// Normalizes titles and author lines. A title is put on one line with single spaces, and a site name joined with
/// " | ", " - ", " – ", " — ", " :: " or " · " at its end (or start) is removed when it matches the article's source or
/// the host of its URL. An author line becomes a list of names: "By", e-mail addresses, parenthesized notes and roles
/// ("Staff Writer", "Senior Correspondent") are removed, and names joined with "and", "&amp;", commas or semicolons split.
/// </summary>
public static partial class TitleAuthorNormalizer
{
    private static readonly string[] Separators = [" | ", " - ", " – ", " — ", " :: ", " · "];

    private static readonly HashSet<string> RoleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor", "editors",
        "contributor", "contributing", "columnist", "journalist", "photographer", "producer", "analyst", "desk", "newsroom",
    };

    /// <summary>The normalized title, or null when none is left.</summary>
    public static string? NormalizeTitle(string? title, string? source, string? url)
    {
        if (title == null)
        {
            return null;
        }

        var text = Collapse(title);
        foreach (var separator in Separators)
        {
            var last = text.LastIndexOf(separator, StringComparison.Ordinal);
            if (last > 0 && IsSite(text[(last + separator.Length)..], source, url))
            {
                text = text[..last].TrimEnd();
                break;
            }

            var first = text.IndexOf(separator, StringComparison.Ordinal);
            if (first > 0 && first + separator.Length < text.Length && IsSite(text[..first], source, url))
            {
                text = text[(first + separator.Length)..].TrimStart();
                break;
            }
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>The author names, in order, without duplicates; empty when none is given.</summary>
    public static IReadOnlyList<string> NormalizeAuthors(string? author)
    {
        if (string.IsNullOrWhiteSpace(author))
        {
            return [];
        }

        var text = Email().Replace(author, " ");
        text = Parenthesized().Replace(text, " ");
        var names = new List<string>();
        foreach (var part in Joiner().Split(text))
        {
            var name = Collapse(By().Replace(Collapse(part), ""));
            name = name.Trim(' ', '-', '–', '—', '|', '/', ':', '.');
            if (name.Length == 0 || !name.Any(char.IsLetter) || IsRole(name) || names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            names.Add(name);
        }

        return names;
    }

    private static bool IsRole(string name) =>
        name.Split(' ').Any(RoleWords.Contains);

    private static bool IsSite(string candidate, string? source, string? url)
    {
        var key = Key(candidate);
        if (key.Length == 0)
        {
            return false;
        }

        if (source != null && Key(source) == key)
        {
            return true;
        }

        if (url == null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        var firstLabel = host.Split('.')[0];
        return Key(host) == key || Key(firstLabel) == key;
    }

    private static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\([^()]*\)|\[[^\[\]]*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Parenthesized();

    [GeneratedRegex(@"\s+(?:and|und|et|y)\s+|\s*[&,;|/]\s*|\s+[-–—]\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Joiner();

    [GeneratedRegex(@"^(?:written\s+)?by\s*:?\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex By();
}
