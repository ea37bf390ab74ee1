namespace Storytelling.CloudEvents.Internal;

/// <summary>
/// RFC 2045/2046 media type syntax: <c>type "/" subtype *(";" attribute "=" value)</c>, where type, subtype and
/// attribute are tokens and a value is a token or a quoted string. Spaces and tabs are allowed around the
/// ';' between parameters, nowhere else.
/// </summary>
internal static class MediaType
{
    private const string TSpecials = "()<>@,;:\\\"/[]?=";

    public static string? Check(string value)
    {
        var problem = Problem(value);
        return problem is null ? null : $"'{value}' is not an RFC 2046 media type: {problem}";
    }

    /// <summary>JSON event format 3.1: the subtype is <c>json</c> or ends in <c>+json</c>, parameters ignored.</summary>
    public static bool IsJson(string value)
    {
        var end = value.IndexOf(';', StringComparison.Ordinal);
        var essence = (end < 0 ? value : value[..end]).TrimEnd();
        var slash = essence.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var subtype = essence[(slash + 1)..];
        return subtype.Equals("json", StringComparison.OrdinalIgnoreCase)
            || subtype.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static string? Problem(string value)
    {
        var position = 0;
        if (ReadToken(value, ref position) == 0)
        {
            return "it does not start with a type such as 'application'";
        }

        if (position >= value.Length || value[position] != '/')
        {
            return "the type is not followed by '/' and a subtype";
        }

        position++;
        if (ReadToken(value, ref position) == 0)
        {
            return "the subtype after '/' is missing";
        }

        while (true)
        {
            SkipSpaces(value, ref position);
            if (position == value.Length)
            {
                return null;
            }

            if (value[position] != ';')
            {
                return $"unexpected character '{value[position]}' at index {position}";
            }

            position++;
            SkipSpaces(value, ref position);
            if (ReadToken(value, ref position) == 0)
            {
                return $"a parameter name is missing at index {position}";
            }

            if (position >= value.Length || value[position] != '=')
            {
                return $"the parameter ending at index {position} has no '=' and value";
            }

            position++;
            if (position < value.Length && value[position] == '"')
            {
                if (!ReadQuotedString(value, ref position))
                {
                    return "a quoted parameter value is not closed";
                }
            }
            else if (ReadToken(value, ref position) == 0)
            {
                return $"a parameter value is missing at index {position}";
            }
        }
    }

    private static int ReadToken(string value, ref int position)
    {
        var start = position;
        while (position < value.Length && IsTokenCharacter(value[position]))
        {
            position++;
        }

        return position - start;
    }

    private static bool ReadQuotedString(string value, ref int position)
    {
        position++;
        while (position < value.Length)
        {
            var c = value[position];
            if (c == '"')
            {
                position++;
                return true;
            }

            if (c is '\r' or > (char)0x7E || (c < ' ' && c != '\t'))
            {
                return false;
            }

            position += c == '\\' ? 2 : 1;
        }

        return false;
    }

    private static void SkipSpaces(string value, ref int position)
    {
        while (position < value.Length && value[position] is ' ' or '\t')
        {
            position++;
        }
    }

    private static bool IsTokenCharacter(char c) => c is > ' ' and < (char)0x7F && !TSpecials.Contains(c, StringComparison.Ordinal);
}
