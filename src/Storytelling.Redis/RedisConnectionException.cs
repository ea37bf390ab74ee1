namespace Storytelling.Redis;

/// <summary>
/// The connection could not be made or was lost. A command that fails with this may or may not have been
/// executed by the server: it is never sent again by the client.
/// </summary>
public sealed class RedisConnectionException : RedisException
{
    public RedisConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
