using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Storytelling.Redis.Internal;

/// <summary>
/// The life of one socket of the shared connection: a writer that takes commands in order from the queue
/// and writes them in batches, a reader that completes the in-flight commands in the same order. When
/// either side fails, both stop and every in-flight command fails; none is ever written again.
/// </summary>
internal sealed class MultiplexedSession(RespSocket socket)
{
    private const int FlushThreshold = 64 * 1024;

    private readonly ConcurrentQueue<PendingCommand> inFlight = new();

    /// <summary>Runs until the connection fails or <paramref name="stopping"/> fires; returns why it ended.</summary>
    public async Task<(Exception Error, int FailedCommands)> RunAsync(
        ChannelReader<PendingCommand> outgoing, CancellationToken stopping)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var writing = WriteLoopAsync(outgoing, stop.Token);
        var reading = ReadLoopAsync(stop.Token);
        var ended = await Task.WhenAny(writing, reading);
        var error = ended.Exception?.GetBaseException()
            ?? new RedisConnectionException(stopping.IsCancellationRequested
                ? "The connection was closed by its owner."
                : "The connection ended.");

        await stop.CancelAsync();
        socket.Abort();
        await Task.WhenAll(writing, reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        var failure = error as RedisConnectionException ?? new RedisConnectionException(
            $"The connection to Redis was lost before the reply came ({error.Message}); the command may or may " +
            "not have run and was not sent again.", error);
        var failed = 0;
        while (inFlight.TryDequeue(out var command))
        {
            command.TrySetException(failure);
            failed++;
        }

        return (error, failed);
    }

    private async Task WriteLoopAsync(ChannelReader<PendingCommand> outgoing, CancellationToken cancellationToken)
    {
        var output = socket.Output;
        while (await outgoing.WaitToReadAsync(cancellationToken))
        {
            while (outgoing.TryRead(out var command))
            {
                if (command.IsAbandoned)
                {
                    continue;
                }

                // Queued before its bytes leave, so the reader always finds the command its reply belongs to.
                inFlight.Enqueue(command);
                RespWriter.WriteCommand(output, command.Arguments);
                if (output.UnflushedBytes >= FlushThreshold)
                {
                    await FlushAsync(cancellationToken);
                }
            }

            await FlushAsync(cancellationToken);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var result = await socket.Output.FlushAsync(cancellationToken);
        if (result.IsCompleted)
        {
            throw new RedisConnectionException("The connection was closed while writing.");
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var input = socket.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (RespParser.TryRead(ref buffer, out var reply))
            {
                if (!inFlight.TryDequeue(out var command))
                {
                    throw new RedisProtocolException($"The server sent a reply no command was waiting for: {reply}");
                }

                command.TrySetResult(reply);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new RedisConnectionException("The server closed the connection.");
            }
        }
    }
}
