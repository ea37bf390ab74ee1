namespace Storytelling.Redis;

/// <summary>Base of every error this client raises.</summary>
public abstract class RedisException : Exception
{
    protected RedisException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
