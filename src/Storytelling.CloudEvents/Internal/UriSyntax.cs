namespace Storytelling.CloudEvents.Internal;

/// <summary>
/// RFC 3986 checks for <c>source</c> (URI-reference, section 4.1) and <c>dataschema</c> (absolute-URI, section 4.3):
/// allowed characters, percent-encoding, scheme syntax, at most one fragment. Host and port grammar is not checked.
/// </summary>
internal static class UriSyntax
{
    public static string? CheckReference(string value)
    {
        if (value.Length == 0)
        {
            return "must be a non-empty URI-reference";
        }

        var fragments = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%')
            {
                if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
                {
                    return $"'{value}' is not a URI-reference (RFC 3986): '%' at index {i} is not followed by two hex digits";
                }

                i += 2;
                continue;
            }

            if (!IsUriCharacter(c))
            {
                return $"'{value}' is not a URI-reference (RFC 3986): character {Describe(c)} at index {i} is not allowed";
            }

            if (c == '#' && ++fragments > 1)
            {
                return $"'{value}' is not a URI-reference (RFC 3986): '#' may appear only once";
            }
        }

        var colon = value.AsSpan().IndexOfAny(":/?#");
        if (colon >= 0 && value[colon] == ':' && !IsScheme(value.AsSpan(0, colon)))
        {
            return $"'{value}' is not a URI-reference (RFC 3986): '{value[..colon]}' before ':' is not a valid scheme";
        }

        return null;
    }

    public static string? CheckAbsolute(string value)
    {
        if (value.Length == 0)
        {
            return "must be a non-empty absolute URI";
        }

        var reference = CheckReference(value);
        if (reference is not null)
        {
            return reference.Replace("URI-reference", "URI", StringComparison.Ordinal);
        }

        var colon = value.AsSpan().IndexOfAny(":/?#");
        if (colon <= 0 || value[colon] != ':')
        {
            return $"'{value}' is not an absolute URI (RFC 3986 section 4.3): it has no scheme such as 'https:'";
        }

        if (value.Contains('#', StringComparison.Ordinal))
        {
            return $"'{value}' is not an absolute URI (RFC 3986 section 4.3): an absolute URI has no fragment";
        }

        return null;
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (scheme.IsEmpty || !char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUriCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c)
        || c is '-' or '.' or '_' or '~'
        || c is ':' or '/' or '?' or '#' or '[' or ']' or '@'
        || c is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=';

    private static string Describe(char c) => c is > ' ' and < (char)0x7F ? $"'{c}'" : $"U+{(int)c:X4}";
}
