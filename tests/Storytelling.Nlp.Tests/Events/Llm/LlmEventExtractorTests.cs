using System.Diagnostics;
using System.Text.Json;
using Storytelling.Nlp.Entities;
using Storytelling.Nlp.Events;
using Storytelling.Nlp.Events.Llm;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Time;
using Storytelling.Nlp.Tokenization;

namespace Storytelling.Nlp.Tests.Events.Llm;

public sealed class LlmEventExtractorTests
{
    private const string Text = "Police arrested two men and questioned three men in Lyon on Tuesday. The mayor said the attack was planned.";
    private const string DocumentId = "lyon-1";
    private static readonly DateTimeOffset Published = new(2024, 3, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Grounded_events_are_kept_with_their_offsets_types_tokens_entities_and_times()
    {
        using var server = ChatCompletionsServer.Answering(Answer(
            Event("arrested", "arrest.justice", agent: Span("Police"), patient: Span("two men"), places: [Span("Lyon")], time: Span("Tuesday"), confidence: 0.9),
            Event("attack", "conflict.attack", hypothetical: true, confidence: 0.7)));
        var fallback = new FallbackMarker();
        var extractor = new LlmEventExtractor(Options(server.Endpoint), fallback);
        var document = AnnotatedDocument();

        extractor.Process(document, CancellationToken.None);

        Assert.Equal(0, fallback.Calls);
        Assert.Equal(2, document.Events.Count);
        var arrest = document.Events[0];
        Assert.Equal((Text.IndexOf("arrested", StringComparison.Ordinal), Text.IndexOf("arrested", StringComparison.Ordinal) + 8), (arrest.TriggerStart, arrest.TriggerEnd));
        Assert.Equal("arrested", arrest.Trigger);
        Assert.Equal(EventType.ArrestJustice, arrest.Type);
        Assert.Equal(0, arrest.Sentence);
        Assert.Equal("arrested", document.TokenString(arrest.TriggerToken));
        Assert.Equal("arrest", arrest.Lemma);
        Assert.False(arrest.IsNominal);
        Assert.Equal(EventModality.Asserted, arrest.Modality);
        Assert.Equal(0.9f, arrest.Confidence, 3);
        Assert.Equal(("Police", 0, 6, "ORG", 0), (arrest.Agent!.Text, arrest.Agent.Start, arrest.Agent.End, arrest.Agent.EntityType, arrest.Agent.EntityIndex));
        Assert.Equal(("two men", null, -1), (arrest.Patient!.Text, arrest.Patient.EntityType, arrest.Patient.EntityIndex));
        Assert.Equal("men", document.TokenString(arrest.Patient.HeadToken));
        Assert.Null(arrest.Theme);
        var lyon = Assert.Single(arrest.Places);
        Assert.Equal(("Lyon", Text.IndexOf("Lyon", StringComparison.Ordinal), "LOC", 1), (lyon.Text, lyon.Start, lyon.EntityType, lyon.EntityIndex));
        Assert.Equal(("Tuesday", "2024-03-05", false, 0), (arrest.When!.Text, arrest.When.Value, arrest.When.IsDocumentDateFallback, arrest.When.ExpressionIndex));

        var attack = document.Events[1];
        Assert.Equal(("attack", EventType.ConflictAttack, 1, true), (attack.Trigger, attack.Type, attack.Sentence, attack.IsNominal));
        Assert.True(attack.IsHypothetical);
        Assert.False(attack.IsNegated);
        Assert.Equal((true, "2024-03-07", -1), (attack.When!.IsDocumentDateFallback, attack.When.Value, attack.When.Start));

        var statistics = extractor.Statistics;
        Assert.Equal((1L, 1L, 0L, 2L, 0L, 0L), (statistics.Calls, statistics.Answered, statistics.Fallbacks, statistics.EventsKept, statistics.UngroundedFields, statistics.ReanchoredFields));
    }

    [Fact]
    public void Wrong_offsets_are_reanchored_when_the_text_occurs_once_in_the_sentence_and_dropped_otherwise()
    {
        using var server = ChatCompletionsServer.Answering(Answer(
            Event(
                "arrested", "arrest.justice", triggerShift: 3,
                agent: Span("mayor", shift: -40), // only in the next sentence: dropped
                patient: Span("men", shift: 2), // twice in the sentence: ambiguous, dropped
                places: [Span("Lyon", shift: -5)], // once in the sentence: re-anchored
                time: Span("Tuesday", shift: 1)))); // once in the sentence: re-anchored
        var extractor = new LlmEventExtractor(Options(server.Endpoint), new FallbackMarker());
        var document = AnnotatedDocument();

        extractor.Process(document, CancellationToken.None);

        var arrest = Assert.Single(document.Events);
        Assert.Equal(Text.IndexOf("arrested", StringComparison.Ordinal), arrest.TriggerStart);
        Assert.Null(arrest.Agent);
        Assert.Null(arrest.Patient);
        Assert.Equal(Text.IndexOf("Lyon", StringComparison.Ordinal), Assert.Single(arrest.Places).Start);
        Assert.Equal(("2024-03-05", false), (arrest.When!.Value, arrest.When.IsDocumentDateFallback));
        Assert.Equal((3L, 2L), (extractor.Statistics.ReanchoredFields, extractor.Statistics.UngroundedFields));
    }

    [Fact]
    public void Invented_and_part_word_triggers_are_dropped_and_the_grounded_events_kept()
    {
        int arrested = Text.IndexOf("arrested", StringComparison.Ordinal);
        using var server = ChatCompletionsServer.Answering(Answer(
            Event("bombed", "conflict.attack", triggerAt: 7), // not in the text
            Event("arrest", "arrest.justice", triggerAt: arrested), // exact characters, but half a word
            Event("attack", "conflict.attack"),
            Event("attack", "conflict.attack"))); // the same trigger twice
        var fallback = new FallbackMarker();
        var extractor = new LlmEventExtractor(Options(server.Endpoint), fallback);
        var document = AnnotatedDocument();

        extractor.Process(document, CancellationToken.None);

        Assert.Equal("attack", Assert.Single(document.Events).Trigger);
        Assert.Equal(0, fallback.Calls);
        Assert.Equal((2L, 1L, 1L), (extractor.Statistics.UngroundedEvents, extractor.Statistics.DuplicateEvents, extractor.Statistics.EventsKept));
    }

    [Fact]
    public void An_answer_with_no_events_leaves_the_document_without_events_and_is_not_a_fallback()
    {
        using var server = ChatCompletionsServer.Answering("""{"events":[]}""");
        var fallback = new FallbackMarker();
        var extractor = new LlmEventExtractor(Options(server.Endpoint), fallback);
        var document = AnnotatedDocument();

        extractor.Process(document, CancellationToken.None);

        Assert.Empty(document.Events);
        Assert.True(document.Annotations.HasFlag(Annotations.Events));
        Assert.Equal((0, 1L, 0L), (fallback.Calls, extractor.Statistics.Answered, extractor.Statistics.Fallbacks));
    }

    [Fact]
    public void An_http_500_runs_the_fallback_and_counts_it_with_the_status_and_document()
    {
        using var server = new ChatCompletionsServer((_, _) => Task.FromResult((500, """{"error":{"message":"model not loaded"}}""")));
        var fallback = new FallbackMarker();
        var extractor = new LlmEventExtractor(Options(server.Endpoint), fallback);
        var document = AnnotatedDocument();

        extractor.Process(document, CancellationToken.None);

        Assert.Equal(1, fallback.Calls);
        Assert.Equal(FallbackMarker.Trigger, Assert.Single(document.Events).Trigger);
        Assert.Equal((1L, 1L, 0L), (extractor.Statistics.FallbacksFor(LlmFallbackReason.HttpError), extractor.Statistics.Fallbacks, extractor.Statistics.Answered));
        Assert.Contains("HTTP 500", extractor.Statistics.LastFallback, StringComparison.Ordinal);
        Assert.Contains("model not loaded", extractor.Statistics.LastFallback, StringComparison.Ordinal);
        Assert.Contains(DocumentId, extractor.Statistics.LastFallback, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_slower_than_the_timeout_runs_the_fallback_within_about_the_timeout()
    {
        using var server = new ChatCompletionsServer(async (_, stopping) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), stopping);
            return (200, ChatCompletionsServer.Completion("""{"events":[]}"""));
        });
        var fallback = new FallbackMarker();
        var extractor = new LlmEventExtractor(Options(server.Endpoint) with { Timeout = TimeSpan.FromSeconds(1) }, fallback);
        var document = AnnotatedDocument();

        var clock = Stopwatch.StartNew();
        extractor.Process(document, CancellationToken.None);
        clock.Stop();

        Assert.Equal(1, fallback.Calls);
        Assert.Equal(1, extractor.Statistics.FallbacksFor(LlmFallbackReason.Timeout));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Contains("events.llm_timeout_seconds", extractor.Statistics.LastFallback, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_endpoint_runs_the_fallback()
    {
        var endpoint = new Uri($"http://127.0.0.1:{ChatCompletionsServer.FreePort()}/v1/chat/completions");
        var fallback = new FallbackMarker();
        var extractor = new LlmEventExtractor(Options(endpoint), fallback);

        extractor.Process(AnnotatedDocument(), CancellationToken.None);

        Assert.Equal(1, fallback.Calls);
        Assert.Equal(1, extractor.Statistics.FallbacksFor(LlmFallbackReason.Unreachable));
    }

    [Theory]
    [InlineData("not json at all", null, LlmFallbackReason.MalformedJson)]
    [InlineData(null, """{"events":[{"trigger":{"text":"arrested","start":7""", LlmFallbackReason.MalformedJson)]
    [InlineData("""{"id":"x","choices":[]}""", null, LlmFallbackReason.SchemaViolation)]
    [InlineData(null, """{"incidents":[]}""", LlmFallbackReason.SchemaViolation)]
    [InlineData(null, """{"events":[{"trigger":{"text":"arrested","start":7,"end":15},"type":"riot","agent":null,"patient":null,"theme":null,"places":[],"time":null,"negated":false,"hypothetical":false,"confidence":0.5}]}""", LlmFallbackReason.SchemaViolation)]
    [InlineData(null, """{"events":[{"trigger":{"text":"arrested","start":7,"end":15},"type":"other","agent":null,"patient":null,"theme":null,"places":[],"time":null,"negated":false,"confidence":0.5}]}""", LlmFallbackReason.SchemaViolation)]
    [InlineData(null, """{"events":[{"trigger":{"text":"arrested","start":"7","end":15},"type":"other","agent":null,"patient":null,"theme":null,"places":[],"time":null,"negated":false,"hypothetical":false,"confidence":0.5}]}""", LlmFallbackReason.SchemaViolation)]
    [InlineData("""{"choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I cannot help with that."},"finish_reason":"stop"}]}""", null, LlmFallbackReason.Refusal)]
    [InlineData("""{"choices":[{"index":0,"message":{"role":"assistant","content":"{\"events\":[{\"trig"},"finish_reason":"length"}]}""", null, LlmFallbackReason.MalformedJson)]
    public void An_answer_that_is_not_the_schema_runs_the_fallback_with_its_reason(string? body, string? content, LlmFallbackReason reason)
    {
        var response = body ?? ChatCompletionsServer.Completion(content!);
        using var server = new ChatCompletionsServer((_, _) => Task.FromResult((200, response)));
        var fallback = new FallbackMarker();
        var extractor = new LlmEventExtractor(Options(server.Endpoint), fallback);
        var document = AnnotatedDocument();

        extractor.Process(document, CancellationToken.None);

        Assert.Equal(1, fallback.Calls);
        Assert.Equal(FallbackMarker.Trigger, Assert.Single(document.Events).Trigger);
        Assert.Equal(1, extractor.Statistics.FallbacksFor(reason));
        Assert.Equal(1, extractor.Statistics.Fallbacks);
    }

    [Fact]
    public void The_request_carries_the_model_both_messages_the_strict_event_schema_and_the_bearer_key()
    {
        using var server = ChatCompletionsServer.Answering("""{"events":[]}""");
        var extractor = new LlmEventExtractor(Options(server.Endpoint) with { ApiKey = "sk-test-123" }, new FallbackMarker());

        extractor.Process(AnnotatedDocument(), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/chat/completions", "Bearer sk-test-123"), (request.Method, request.Path, request.Authorization));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("test-model", root.GetProperty("model").GetString());
        Assert.Equal(0, root.GetProperty("temperature").GetDouble());
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        var user = messages[1].GetProperty("content").GetString()!;
        Assert.Contains("[0] Police arrested two men", user, StringComparison.Ordinal);
        Assert.Contains($"[{Text.IndexOf("The mayor", StringComparison.Ordinal)}] The mayor said", user, StringComparison.Ordinal);
        var format = root.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        var jsonSchema = format.GetProperty("json_schema");
        Assert.Equal(("events", true), (jsonSchema.GetProperty("name").GetString(), jsonSchema.GetProperty("strict").GetBoolean()));
        var schema = jsonSchema.GetProperty("schema");
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        var eventSchema = schema.GetProperty("properties").GetProperty("events").GetProperty("items");
        Assert.False(eventSchema.GetProperty("additionalProperties").GetBoolean());
        var properties = eventSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var required = eventSchema.GetProperty("required").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(properties, required);
        Assert.Equal(
            ["agent", "confidence", "hypothetical", "negated", "patient", "places", "theme", "time", "trigger", "type"], properties);
        Assert.Equal(EventTypes.All, eventSchema.GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(t => t.GetString()));
        var trigger = eventSchema.GetProperty("properties").GetProperty("trigger");
        Assert.Equal(["end", "start", "text"], trigger.GetProperty("required").EnumerateArray().Select(p => p.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_a_key_no_authorization_header_is_sent()
    {
        using var server = ChatCompletionsServer.Answering("""{"events":[]}""");
        var extractor = new LlmEventExtractor(Options(server.Endpoint), new FallbackMarker());

        extractor.Process(AnnotatedDocument(), CancellationToken.None);

        Assert.Null(Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public void Cancellation_during_the_request_propagates_and_is_not_a_fallback()
    {
        using var server = new ChatCompletionsServer(async (_, stopping) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), stopping);
            return (200, ChatCompletionsServer.Completion("""{"events":[]}"""));
        });
        var fallback = new FallbackMarker();
        var extractor = new LlmEventExtractor(Options(server.Endpoint), fallback);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => extractor.Process(AnnotatedDocument(), cancellation.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(0, fallback.Calls);
        Assert.Equal(0, extractor.Statistics.Fallbacks);
    }

    [Fact]
    public void In_a_pipeline_it_takes_the_event_extractor_slot_after_the_layers_it_requires()
    {
        using var server = ChatCompletionsServer.Answering(Answer(Event("attack", "conflict.attack")));
        var extractor = new LlmEventExtractor(Options(server.Endpoint), new FallbackMarker());

        Assert.Throws<PipelineConfigurationException>(() => new NlpPipeline([new Tokenizer(), new SentenceSplitter(), extractor]));
        var pipeline = new NlpPipeline([new AnnotationsFromTable(), extractor]);
        var document = new Document(Text, DocumentId) { PublishedAt = Published };
        pipeline.Process(document);

        Assert.Equal("event_extractor", extractor.Name);
        Assert.Equal("attack", Assert.Single(document.Events).Trigger);
    }

    [Fact]
    public void A_fallback_that_does_not_produce_events_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new LlmEventExtractor(Options(new Uri("http://127.0.0.1:1/v1/chat/completions")), new Tokenizer()));
        Assert.Contains("'tokenizer'", error.Message, StringComparison.Ordinal);
    }

    private static LlmExtractorOptions Options(Uri endpoint) => new(endpoint, "test-model", null, TimeSpan.FromSeconds(10));

    /// <summary>The test text with tokens, sentences, tags, lemmas, flat dependencies, two entities and time expressions.</summary>
    private static Document AnnotatedDocument()
    {
        var document = new Document(Text, DocumentId) { PublishedAt = Published };
        new AnnotationsFromTable().Process(document, CancellationToken.None);
        return document;
    }

    private static string Answer(params object[] events) => JsonSerializer.Serialize(new { events });

    private static Dictionary<string, object?> Span(string text, int shift = 0)
    {
        int start = Text.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{text}' is not in the test text");
        return new() { ["text"] = text, ["start"] = start + shift, ["end"] = start + text.Length + shift };
    }

    private static Dictionary<string, object?> Event(
        string trigger, string type, int triggerShift = 0, int? triggerAt = null, object? agent = null, object? patient = null, object? theme = null,
        object[]? places = null, object? time = null, bool negated = false, bool hypothetical = false, double confidence = 0.8)
    {
        int start = triggerAt ?? Text.IndexOf(trigger, StringComparison.Ordinal) + triggerShift;
        return new()
        {
            ["trigger"] = new Dictionary<string, object?> { ["text"] = trigger, ["start"] = start, ["end"] = start + trigger.Length },
            ["type"] = type,
            ["agent"] = agent,
            ["patient"] = patient,
            ["theme"] = theme,
            ["places"] = places ?? [],
            ["time"] = time,
            ["negated"] = negated,
            ["hypothetical"] = hypothetical,
            ["confidence"] = confidence,
        };
    }

    /// <summary>Every layer the extractor requires, from the rule-based components and a small table (no model files).</summary>
    private sealed class AnnotationsFromTable : INlpComponent
    {
        private static readonly Dictionary<string, (string Upos, string Lemma)> Words = new(StringComparer.Ordinal)
        {
            ["arrested"] = ("VERB", "arrest"),
            ["questioned"] = ("VERB", "question"),
            ["said"] = ("VERB", "say"),
            ["planned"] = ("VERB", "plan"),
            ["was"] = ("AUX", "be"),
            ["men"] = ("NOUN", "man"),
            ["attack"] = ("NOUN", "attack"),
            ["mayor"] = ("NOUN", "mayor"),
            ["Police"] = ("NOUN", "police"),
            ["Lyon"] = ("PROPN", "Lyon"),
            ["Tuesday"] = ("PROPN", "Tuesday"),
        };

        public string Name => "annotations_from_table";

        public Annotations Requires => Annotations.None;

        public Annotations Produces => LlmEventExtractor.Required;

        public void Process(Document document, CancellationToken cancellationToken)
        {
            new Tokenizer().Process(document, cancellationToken);
            new SentenceSplitter().Process(document, cancellationToken);
            for (int t = 0; t < document.TokenCount; t++)
            {
                var word = document.TokenString(t);
                var (upos, lemma) = Words.TryGetValue(word, out var known) ? known : ("X", word.ToLowerInvariant());
                document.Upos[t] = upos;
                document.Lemmas[t] = lemma;
            }

            // "two men": "two" depends on "men", so the argument's head is "men".
            int two = TokenAt(document, "two");
            document.Heads[two] = two + 2 - document.Sentences[document.SentenceOf(two)].Start;
            document.Relations[two] = "nummod";
            document.MarkProduced(Annotations.Tags | Annotations.Lemmas | Annotations.Dependencies);
            int police = TokenAt(document, "Police"), lyon = TokenAt(document, "Lyon");
            document.SetEntities([EntitySpan.Create(document, police, police + 1, "ORG"), EntitySpan.Create(document, lyon, lyon + 1, "LOC")]);
            new TimeExpressionRecognizer().Process(document, cancellationToken);
        }

        private static int TokenAt(Document document, string word)
        {
            for (int t = 0; t < document.TokenCount; t++)
            {
                if (document.TokenText(t).SequenceEqual(word))
                {
                    return t;
                }
            }

            throw new InvalidOperationException($"'{word}' is not a token of the test text");
        }
    }

    /// <summary>Stands in for the built-in extractor: one recognisable event on the first token, and a call count.</summary>
    private sealed class FallbackMarker : INlpComponent
    {
        public const string Trigger = "Police";
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public string Name => "fallback_marker";

        public Annotations Requires => Annotations.Tokens | Annotations.Sentences;

        public Annotations Produces => Annotations.Events;

        public void Process(Document document, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            var first = document.Tokens[0];
            document.SetEvents([new EventMention(0, 0, first.Start, first.End, document.TokenString(0), "police", true, EventType.Other, EventModality.Asserted, 0.01f)]);
        }
    }
}
