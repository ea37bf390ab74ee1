using System.Net.Http.Headers;
using Storytelling.Nlp.Events.Llm.Internal;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Events.Llm;

/// <summary>
/// The <c>event_extractor</c> component backed by an OpenAI-compatible chat-completions endpoint (Ollama, vLLM,
/// llama.cpp server): it sends each document's sentences with a strict JSON schema for events, keeps only the triggers and
/// arguments grounded in the text (docs/events.md, "LLM extractor"), and runs <paramref name="fallback"/> (the built-in
/// extractor) instead whenever the endpoint fails, is too slow, or answers with something that is not the schema.
/// Cancellation is not a fallback: it propagates. Outcomes are counted in <see cref="Statistics"/>. Safe to share across threads.
/// </summary>
public sealed class LlmEventExtractor : INlpComponent
{
    public const string ComponentName = "event_extractor";

    /// <summary>What the extractor needs: what the built-in extractor needs, so either can run in the same pipeline slot.</summary>
    public const Annotations Required = Annotations.Tokens | Annotations.Sentences | Annotations.Tags | Annotations.Lemmas
        | Annotations.Dependencies | Annotations.Entities | Annotations.TimeExpressions;

    private const int BodyExcerptLength = 300;

    // One client for every extractor in the process, as HttpClient is meant to be used; connections are recycled so a
    // moved endpoint (DNS) is picked up. Per-request time limits come from the options, not from HttpClient.Timeout.
    private static readonly HttpClient SharedClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    private readonly LlmExtractorOptions options;
    private readonly INlpComponent fallback;

    public LlmEventExtractor(LlmExtractorOptions options, INlpComponent fallback, LlmExtractorStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fallback);
        options.Validate();
        if ((fallback.Produces & Annotations.Events) == 0)
        {
            throw new ArgumentException($"The fallback of the LLM event extractor must produce events; component '{fallback.Name}' produces {fallback.Produces}.", nameof(fallback));
        }

        if ((fallback.Requires & ~Required) != 0)
        {
            throw new ArgumentException(
                $"The fallback of the LLM event extractor requires {fallback.Requires & ~Required}, which the LLM extractor does not require, so the pipeline check could not vouch for it (component '{fallback.Name}').",
                nameof(fallback));
        }

        this.options = options;
        this.fallback = fallback;
        Statistics = statistics ?? new LlmExtractorStatistics();
    }

    public string Name => ComponentName;

    public Annotations Requires => Required;

    public Annotations Produces => Annotations.Events;

    /// <summary>Calls, answers used, fallbacks by reason and grounding counts since this extractor was created.</summary>
    public LlmExtractorStatistics Statistics { get; }

    /// <summary>The component that runs when the endpoint's answer cannot be used.</summary>
    public INlpComponent Fallback => fallback;

    public void Process(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        cancellationToken.ThrowIfCancellationRequested();
        if (document.TokenCount == 0)
        {
            document.SetEvents([]);
            return;
        }

        List<LlmEvent> answer;
        try
        {
            answer = Ask(document, cancellationToken);
        }
        catch (LlmAnswerException e)
        {
            Statistics.RecordFallback(e.Reason, $"LLM event extractor, document '{document.Id}', {options.Endpoint}: {e.Message}");
            fallback.Process(document, cancellationToken);
            return;
        }

        var mentions = new EventGrounder(document, Statistics).Ground(answer, cancellationToken);
        document.SetEvents(mentions);
        Statistics.RecordAnswered(mentions.Count);
    }

    /// <summary>
    /// Sends the request and reads the events; every way the endpoint can fail becomes an <see cref="LlmAnswerException"/>
    /// with its reason, except cancellation by the caller, which propagates.
    /// </summary>
    private List<LlmEvent> Ask(Document document, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint)
        {
            Content = new ByteArrayContent(ChatCompletionRequest.Build(document, options.Model)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (options.ApiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        Statistics.RecordCall();
        byte[] body;
        int status;
        string reasonPhrase;
        try
        {
            // INlpComponent.Process is synchronous and runs on a worker thread per document. HttpClient.Send is the
            // handler's own synchronous path (HTTP/1.1), so no thread-pool thread is blocked waiting on an async call
            // (sync-over-async would risk starving the pool under load). The whole exchange, body included, is bounded
            // by the deadline token.
            using var response = SharedClient.Send(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            status = (int)response.StatusCode;
            reasonPhrase = response.ReasonPhrase ?? string.Empty;
            using var stream = response.Content.ReadAsStream(deadline.Token);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            body = copy.ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LlmAnswerException(LlmFallbackReason.Timeout, $"no complete answer within {options.Timeout.TotalSeconds:0.###} s ({LlmExtractorOptions.TimeoutKey})");
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LlmAnswerException(LlmFallbackReason.Unreachable, $"request failed: {e.Message}");
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LlmAnswerException(LlmFallbackReason.Unreachable, $"reading the answer failed: {e.Message}");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (status is < 200 or > 299)
        {
            throw new LlmAnswerException(LlmFallbackReason.HttpError, $"HTTP {status} {reasonPhrase}: {Excerpt(body)}");
        }

        return EventAnswerReader.ReadEvents(EventAnswerReader.ReadContent(body));
    }

    private static string Excerpt(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, BodyExcerptLength * 4));
        return text.Length <= BodyExcerptLength ? text : string.Concat(text.AsSpan(0, BodyExcerptLength), "…");
    }
}
