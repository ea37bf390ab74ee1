using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Storytelling.Redis.Internal;

namespace Storytelling.Redis;

/// <summary>
/// The shared, multiplexed connection: any number of callers send commands concurrently; they are written in
/// order and pipelined on one socket, and replies are matched to them in order. When the socket is lost every
/// in-flight command fails with <see cref="RedisConnectionException"/> (nothing is resent) and the connection
/// comes back in the background with exponential backoff and jitter; commands sent meanwhile wait for it
/// (within their timeout). Blocking commands belong on a <see cref="RedisDedicatedConnection"/>.
/// </summary>
public sealed class RedisConnection : RedisCommands, IAsyncDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly RedisOptions options;
    private readonly ILogger logger;
    private readonly Channel<PendingCommand> outgoing = Channel.CreateUnbounded<PendingCommand>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly CancellationTokenSource lifetime = new();
    private readonly TaskCompletionSource<Exception?> firstAttempt =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Task running;
    private volatile bool connected;
    private int disposed;

    internal RedisConnection(RedisOptions options, ILogger logger)
    {
        this.options = options;
        this.logger = logger;
        running = Task.Run(RunAsync);
    }

    /// <summary>Whether a socket is up right now (it may still drop at any moment).</summary>
    public bool IsConnected => connected;

    /// <summary>Completes with null once the first connection is up, or with the first attempt's failure.</summary>
    internal Task<Exception?> FirstAttempt => firstAttempt.Task;

    internal override async ValueTask<RedisValue> SendAsync(
        RedisArgument[] arguments, TimeSpan extraTimeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var command = new PendingCommand(arguments);
        ObjectDisposedException.ThrowIf(!outgoing.Writer.TryWrite(command), this);

        var timeout = options.CommandTimeout + extraTimeout;
        try
        {
            return await command.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            command.Abandon();
            throw new RedisTimeoutException(
                $"{arguments[0]} got no reply from {options.Endpoint} within {timeout.TotalMilliseconds:0} ms " +
                $"(redis:command_timeout_ms){(connected ? "" : "; the connection is down and being re-established")}.");
        }
        catch (OperationCanceledException)
        {
            command.Abandon();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await lifetime.CancelAsync();
        outgoing.Writer.TryComplete();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (outgoing.Reader.TryRead(out var command))
        {
            command.TrySetException(new ObjectDisposedException(nameof(RedisConnection)));
        }

        lifetime.Dispose();
    }

    private async Task RunAsync()
    {
        var stopping = lifetime.Token;
        var attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            if (attempt > 0)
            {
                var delay = RetryDelay(attempt);
                Log.Reconnecting(logger, options.Endpoint, attempt, (long)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            RespSocket socket;
            try
            {
                socket = await RespSocket.OpenAsync(options, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (RedisConnectionException ex)
            {
                Log.ConnectFailed(logger, options.Endpoint, attempt, ex);
                firstAttempt.TrySetResult(ex);
                attempt++;
                continue;
            }

            Log.Connected(logger, options.Endpoint, options.Db, options.ClientName);
            connected = true;
            firstAttempt.TrySetResult(null);
            var (error, failed) = await new MultiplexedSession(socket).RunAsync(outgoing.Reader, stopping);
            connected = false;
            await socket.DisposeAsync();
            if (stopping.IsCancellationRequested)
            {
                break;
            }

            Log.Disconnected(logger, options.Endpoint, failed, error);
            attempt = 1;
        }

        firstAttempt.TrySetResult(new ObjectDisposedException(nameof(RedisConnection)));
    }

    // Exponential backoff with "equal jitter": half the step fixed, half random, so clients spread out.
    private static TimeSpan RetryDelay(int attempt)
    {
        var step = Math.Min(MaxRetryDelay.TotalMilliseconds, FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        return TimeSpan.FromMilliseconds(step / 2 + Random.Shared.NextDouble() * step / 2);
#pragma warning restore CA5394
    }
}
