using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Storytelling.Redis.Internal;

/// <summary>
/// One TCP connection to Redis with its input and output pipes, opened with the connect timeout and
/// prepared with AUTH, SELECT and CLIENT SETNAME before anyone else may use it.
/// </summary>
internal sealed class RespSocket : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly NetworkStream stream;

    private RespSocket(Socket socket)
    {
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public static async Task<RespSocket> OpenAsync(RedisOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        RespSocket? connection = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(options.Host, options.Port), timeout.Token);
            connection = new RespSocket(socket);
            await connection.HandshakeAsync(options, timeout.Token);
            return connection;
        }
        catch (Exception ex)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }

            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw ex switch
            {
                OperationCanceledException => new RedisConnectionException(
                    $"Connecting to Redis at {options.Endpoint} timed out after {options.ConnectTimeoutMs} ms (redis:connect_timeout_ms)."),
                RedisServerException server => new RedisConnectionException(
                    $"Redis at {options.Endpoint} refused the connection setup: {server.Message}", server),
                _ => new RedisConnectionException($"Cannot connect to Redis at {options.Endpoint}: {ex.Message}", ex),
            };
        }
    }

    /// <summary>Writes one command and flushes it.</summary>
    public ValueTask<FlushResult> SendAsync(ReadOnlySpan<RedisArgument> arguments, CancellationToken cancellationToken)
    {
        RespWriter.WriteCommand(Output, arguments);
        return Output.FlushAsync(cancellationToken);
    }

    /// <summary>Reads the next whole reply; the connection closing first is a <see cref="RedisConnectionException"/>.</summary>
    public async ValueTask<RedisValue> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await Input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (RespParser.TryRead(ref buffer, out var value))
            {
                Input.AdvanceTo(buffer.Start);
                return value;
            }

            Input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new RedisConnectionException("The server closed the connection.");
            }
        }
    }

    /// <summary>Closes the socket so pending reads and writes end at once; <see cref="DisposeAsync"/> still follows.</summary>
    public void Abort() => socket.Dispose();

    public async ValueTask DisposeAsync()
    {
        socket.Dispose();
        await Input.CompleteAsync();
        await Output.CompleteAsync();
        await stream.DisposeAsync();
    }

    private async Task HandshakeAsync(RedisOptions options, CancellationToken cancellationToken)
    {
        var commands = new List<RedisArgument[]>(3);
        if (!string.IsNullOrEmpty(options.Password))
        {
            commands.Add(string.IsNullOrEmpty(options.Username)
                ? ["AUTH", options.Password]
                : ["AUTH", options.Username, options.Password]);
        }

        if (options.Db != 0)
        {
            commands.Add(["SELECT", options.Db]);
        }

        if (!string.IsNullOrEmpty(options.ClientName))
        {
            commands.Add(["CLIENT", "SETNAME", options.ClientName]);
        }

        if (commands.Count == 0)
        {
            return;
        }

        foreach (var command in commands)
        {
            RespWriter.WriteCommand(Output, command);
        }

        await Output.FlushAsync(cancellationToken);
        RedisServerException? firstError = null;
        foreach (var command in commands)
        {
            var reply = await ReceiveAsync(cancellationToken);
            if (reply.IsError)
            {
                firstError ??= new RedisServerException($"{reply.AsString()} (during {command[0]})");
            }
        }

        if (firstError is not null)
        {
            throw firstError;
        }
    }
}
