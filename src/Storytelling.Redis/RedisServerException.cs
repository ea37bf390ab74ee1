namespace Storytelling.Redis;

/// <summary>
/// The server answered with an error reply. <see cref="Prefix"/> is its leading upper-case code
/// (<c>ERR</c>, <c>NOGROUP</c>, <c>BUSYGROUP</c>, <c>WRONGTYPE</c>, <c>LOADING</c>, <c>NOSCRIPT</c>, ...),
/// empty when the message has none; <see cref="Exception.Message"/> is the whole error text.
/// </summary>
public sealed class RedisServerException : RedisException
{
    public RedisServerException(string message)
        : base(message) => Prefix = ReadPrefix(message);

    public string Prefix { get; }

    /// <summary>The consumer group or the stream does not exist.</summary>
    public bool IsNoGroup => Prefix == "NOGROUP";

    /// <summary>XGROUP CREATE: the group already exists.</summary>
    public bool IsBusyGroup => Prefix == "BUSYGROUP";

    /// <summary>EVALSHA: the script is not cached; send it with EVAL (or SCRIPT LOAD) and retry.</summary>
    public bool IsNoScript => Prefix == "NOSCRIPT";

    public bool IsWrongType => Prefix == "WRONGTYPE";

    /// <summary>The server is loading its data set; retry later.</summary>
    public bool IsLoading => Prefix == "LOADING";

    private static string ReadPrefix(string message)
    {
        var end = message.IndexOf(' ');
        var word = end < 0 ? message : message[..end];
        if (word.Length == 0 || !char.IsAsciiLetterUpper(word[0]))
        {
            return string.Empty;
        }

        foreach (var c in word)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != '_' && c != '-')
            {
                return string.Empty;
            }
        }

        return word;
    }
}
