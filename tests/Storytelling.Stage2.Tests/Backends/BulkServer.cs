using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Storytelling.Stage2.Tests.Backends;

/// <summary>A request the listener received.</summary>
public sealed record BulkRequest(string Method, string Path, string? ContentType, string? Authorization, string Body);

/// <summary>
/// A stand-in for an Elasticsearch node on 127.0.0.1 (none exists here): records every request and answers it with
/// what the test's responder returns (status and JSON body).
/// </summary>
public sealed class BulkServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<BulkRequest> _requests = new();
    private readonly Func<BulkRequest, Task<(int Status, string Body)>> _responder;
    private readonly Task _serving;

    public BulkServer(Func<BulkRequest, Task<(int Status, string Body)>> responder)
    {
        _responder = responder;
        for (var attempt = 0; ; attempt++)
        {
            var prefix = $"http://127.0.0.1:{FreePort()}/";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(prefix);
            try
            {
                _listener.Start();
                Url = new Uri(prefix);
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _serving = Task.Run(ServeAsync);
    }

    /// <summary>A server that indexes everything: <c>errors: false</c>.</summary>
    public static BulkServer Accepting() => new(_ => Task.FromResult((200, """{"took":3,"errors":false,"items":[]}""")));

    public Uri Url { get; private set; } = null!;

    public IReadOnlyCollection<BulkRequest> Requests => _requests;

    /// <summary>A port nobody listens on (bound, read and released).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener's exception when it is closed under it.
        }

        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && _stopping.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = new BulkRequest(
                context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, context.Request.Headers["Authorization"],
                await reader.ReadToEndAsync(_stopping.Token));
            _requests.Enqueue(request);
            var (status, body) = await _responder(request);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stopping.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            // Stopping, or the client gave up (the timeout test does that on purpose).
            context.Response.Abort();
        }
    }
}
