using AngleSharp.Dom;

namespace Storytelling.Cleaning.Steps.Internal;

/// <summary>Which elements of a page are boilerplate: by tag, by ARIA role, and by the words of their id and class.</summary>
internal static class Boilerplate
{
    private static readonly HashSet<string> DroppedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "form", "button", "nav", "header", "footer",
        "aside", "select", "input", "textarea", "object", "embed", "canvas", "video", "audio", "dialog", "menu", "head",
    };

    private static readonly HashSet<string> DroppedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "menu", "menubar", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
    };

    private static readonly HashSet<string> DroppedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "share", "sharing", "social", "subscribe",
        "subscription", "newsletter", "signup", "related", "recommended", "recommendations", "readmore", "comment",
        "comments", "disqus", "cookie", "cookies", "consent", "gdpr", "ad", "ads", "advert", "advertisement", "adsbygoogle",
        "promo", "promotion", "sponsored", "sponsor", "header", "footer", "sidebar", "popup", "modal", "pagination",
        "masthead", "toolbar", "outbrain", "taboola",
    };

    /// <summary>True for an element whose text is not the article's: dropped tags, roles, hidden elements and boilerplate ids/classes.</summary>
    public static bool IsBoilerplate(IElement element)
    {
        var tag = element.LocalName;
        if (DroppedTags.Contains(tag))
        {
            return true;
        }

        if (element.HasAttribute("hidden") || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var role = element.GetAttribute("role");
        if (role != null && DroppedRoles.Contains(role.Trim()))
        {
            return true;
        }

        // The page and the article containers are never dropped for a class word ("post has-comments").
        if (tag is "html" or "body" or "article" or "main" || element.GetAttribute("itemprop") == "articleBody")
        {
            return false;
        }

        return HasDroppedWord(element.Id) || HasDroppedWord(element.ClassName);
    }

    private static bool HasDroppedWord(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var lookup = DroppedWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = value.AsSpan();
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var letter = i < span.Length && char.IsAsciiLetter(span[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (lookup.Contains(span[start..i]))
                {
                    return true;
                }

                // "read-more", "read_more", "readMore"
                if (span[start..i].Equals("read", StringComparison.OrdinalIgnoreCase) && i + 1 < span.Length
                    && span[(i + 1)..].StartsWith("more", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                start = -1;
            }
        }

        return false;
    }
}
