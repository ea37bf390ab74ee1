using System.IO.Pipelines;
using System.Net.Sockets;
using Storytelling.Redis.Internal;

namespace Storytelling.Redis;

/// <summary>
/// A connection of its own for blocking commands (XREADGROUP ... BLOCK): one command at a time, so a long
/// BLOCK holds up nothing else. A command that times out, is cancelled or hits a broken socket closes the
/// socket (its late reply is never mistaken for the next one's); the next command opens a new one.
/// </summary>
public sealed class RedisDedicatedConnection : RedisCommands, IAsyncDisposable
{
    private readonly RedisOptions options;
    private readonly SemaphoreSlim gate = new(1, 1);
    private RespSocket? socket;
    private bool disposed;

    private RedisDedicatedConnection(RedisOptions options, RespSocket socket)
    {
        this.options = options;
        this.socket = socket;
    }

    /// <summary>Whether the socket is open (false after a failure, until the next command reopens it).</summary>
    public bool IsConnected => socket is not null;

    internal override bool AllowsBlocking => true;

    internal static async Task<RedisDedicatedConnection> OpenAsync(RedisOptions options, CancellationToken cancellationToken) =>
        new(options, await RespSocket.OpenAsync(options, cancellationToken));

    internal override async ValueTask<RedisValue> SendAsync(
        RedisArgument[] arguments, TimeSpan extraTimeout, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            socket ??= await RespSocket.OpenAsync(options, cancellationToken);
            var timeout = options.CommandTimeout + extraTimeout;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await socket.SendAsync(arguments, deadline.Token);
                return await socket.ReceiveAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await CloseAsync();
                throw new RedisTimeoutException(
                    $"{arguments[0]} got no reply from {options.Endpoint} within {timeout.TotalMilliseconds:0} ms (redis:command_timeout_ms).");
            }
            catch (OperationCanceledException)
            {
                await CloseAsync();
                throw;
            }
            catch (Exception ex) when (ex is IOException or SocketException or InvalidOperationException)
            {
                await CloseAsync();
                throw new RedisConnectionException(
                    $"The connection to Redis at {options.Endpoint} was lost during {arguments[0]} ({ex.Message}); the command may or may not have run and was not sent again.", ex);
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisProtocolException)
            {
                await CloseAsync();
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            disposed = true;
            await CloseAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private async ValueTask CloseAsync()
    {
        if (socket is { } open)
        {
            socket = null;
            await open.DisposeAsync();
        }
    }
}
