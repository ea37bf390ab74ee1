using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Storytelling.Nlp.Tests.Events.Llm;

/// <summary>A request the server received: its headers and body.</summary>
public sealed record ReceivedRequest(string Method, string Path, string? Authorization, string? ContentType, string Body);

/// <summary>
/// A local HTTP server on 127.0.0.1 that speaks just enough of the chat-completions API for the LLM extractor's tests:
/// every POST is recorded and answered by the test's responder (status and body, after an optional delay).
/// </summary>
public sealed class ChatCompletionsServer : IDisposable
{
    private readonly HttpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly ConcurrentQueue<ReceivedRequest> requests = new();

    public ChatCompletionsServer(Func<ReceivedRequest, CancellationToken, Task<(int Status, string Body)>> responder)
    {
        (listener, Endpoint) = Start();
        loop = Task.Run(() => Serve(responder));
    }

    /// <summary>The chat-completions URL to configure.</summary>
    public Uri Endpoint { get; }

    public IReadOnlyCollection<ReceivedRequest> Requests => requests;

    /// <summary>A server answering every request with 200 and a completion whose message content is <paramref name="content"/>.</summary>
    public static ChatCompletionsServer Answering(string content) =>
        new((_, _) => Task.FromResult((200, Completion(content))));

    /// <summary>A chat-completions response body with one choice holding <paramref name="content"/>.</summary>
    public static string Completion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content, refusal = (string?)null }, finish_reason = "stop" } },
    });

    /// <summary>A port nobody listens on (bound, read and released).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener's own exception when it is closed under it.
        }

        stopping.Dispose();
    }

    private static (HttpListener Listener, Uri Endpoint) Start()
    {
        for (int attempt = 0; ; attempt++)
        {
            var prefix = $"http://127.0.0.1:{FreePort()}/";
            var candidate = new HttpListener();
            candidate.Prefixes.Add(prefix);
            try
            {
                candidate.Start();
                return (candidate, new Uri(prefix + "v1/chat/completions"));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                candidate.Close();
            }
        }
    }

    private async Task Serve(Func<ReceivedRequest, CancellationToken, Task<(int Status, string Body)>> responder)
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && stopping.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => Answer(context, responder));
        }
    }

    private async Task Answer(HttpListenerContext context, Func<ReceivedRequest, CancellationToken, Task<(int Status, string Body)>> responder)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var received = new ReceivedRequest(
            context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], context.Request.ContentType,
            await reader.ReadToEndAsync(stopping.Token));
        requests.Enqueue(received);
        try
        {
            var (status, body) = await responder(received, stopping.Token);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, stopping.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            // The server is stopping or the client gave up (the timeout and cancellation tests do that on purpose).
            context.Response.Abort();
        }
    }
}
