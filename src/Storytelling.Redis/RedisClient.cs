using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Storytelling.Redis;

/// <summary>
/// The process's Redis client: owns the one shared <see cref="RedisConnection"/> (its commands are this
/// object's commands) and opens <see cref="RedisDedicatedConnection"/>s for blocking reads.
/// </summary>
public sealed class RedisClient : RedisCommands, IAsyncDisposable
{
    /// <summary>Starts connecting in the background; commands wait for the connection within their timeout.</summary>
    public RedisClient(RedisOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Connection = new RedisConnection(options, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RedisClient>());
    }

    public RedisOptions Options { get; }

    public RedisConnection Connection { get; }

    /// <summary>Connects and returns the client, or throws <see cref="RedisConnectionException"/> if the first attempt fails.</summary>
    public static async Task<RedisClient> ConnectAsync(
        RedisOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var client = new RedisClient(options, loggerFactory);
        try
        {
            var failure = await client.Connection.FirstAttempt.WaitAsync(cancellationToken);
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a connection of its own (same server settings) for blocking commands.</summary>
    public Task<RedisDedicatedConnection> CreateDedicatedConnectionAsync(CancellationToken cancellationToken = default) =>
        RedisDedicatedConnection.OpenAsync(Options, cancellationToken);

    internal override ValueTask<RedisValue> SendAsync(
        RedisArgument[] arguments, TimeSpan extraTimeout, CancellationToken cancellationToken) =>
        Connection.SendAsync(arguments, extraTimeout, cancellationToken);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
