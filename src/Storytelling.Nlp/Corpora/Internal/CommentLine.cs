namespace Storytelling.Nlp.Corpora.Internal;

/// <summary>Reads <c>key = value</c> comment lines (<c># sent_id = ...</c>, <c># text = ...</c>) of CoNLL-U and IOB2 files.</summary>
internal static class CommentLine
{
    public static bool TryValue(ReadOnlySpan<char> body, string key, out string value)
    {
        value = string.Empty;
        if (!body.StartsWith(key, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = body[key.Length..].TrimStart();
        if (rest.Length == 0 || rest[0] != '=')
        {
            return false;
        }

        value = rest[1..].Trim().ToString();
        return true;
    }
}
