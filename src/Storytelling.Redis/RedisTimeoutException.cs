namespace Storytelling.Redis;

/// <summary>
/// No reply came within the command timeout. The command may still run on the server; its late reply is
/// read and discarded, so later commands get their own replies.
/// </summary>
public sealed class RedisTimeoutException : RedisException
{
    public RedisTimeoutException(string message)
        : base(message)
    {
    }
}
