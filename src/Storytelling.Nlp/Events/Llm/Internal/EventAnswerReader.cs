using System.Text.Json;

namespace Storytelling.Nlp.Events.Llm.Internal;

/// <summary>
/// Reads a chat-completions response: the envelope (<c>choices[0].message.content</c>, a refusal, a cut-off reply) and
/// the events JSON inside the content, checked against the schema the request asked for. Problems throw
/// <see cref="LlmAnswerException"/> with the fallback reason and the JSON path of the problem; unknown extra
/// properties are ignored.
/// </summary>
internal static class EventAnswerReader
{
    public static readonly string[] EventProperties =
        ["trigger", "type", "agent", "patient", "theme", "places", "time", "negated", "hypothetical", "confidence"];

    private const int ExcerptLength = 200;

    /// <summary>The message content of the first choice of a chat-completions response body.</summary>
    public static string ReadContent(ReadOnlySpan<byte> body)
    {
        JsonDocument envelope;
        try
        {
            envelope = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            throw new LlmAnswerException(LlmFallbackReason.MalformedJson, $"the response body is not JSON ({e.Message}): {Excerpt(System.Text.Encoding.UTF8.GetString(body))}");
        }

        using (envelope)
        {
            var root = envelope.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                throw Violation("$.choices", "the response has no choices array with at least one choice");
            }

            var choice = choices[0];
            if (choice.ValueKind != JsonValueKind.Object || !choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                throw Violation("$.choices[0].message", "the first choice has no message object");
            }

            if (message.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.String)
            {
                throw new LlmAnswerException(LlmFallbackReason.Refusal, $"the model refused: {Excerpt(refusal.GetString())}");
            }

            if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null
                || (content.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(content.GetString())))
            {
                throw new LlmAnswerException(LlmFallbackReason.Refusal, "$.choices[0].message.content is missing or empty");
            }

            if (content.ValueKind != JsonValueKind.String)
            {
                throw Violation("$.choices[0].message.content", $"expected a string holding the events JSON, got {content.ValueKind}");
            }

            var text = content.GetString()!;
            if (choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String && finish.ValueEquals("length"))
            {
                throw new LlmAnswerException(LlmFallbackReason.MalformedJson, $"the reply was cut off at the token limit (finish_reason 'length'): {Excerpt(text)}");
            }

            return text;
        }
    }

    /// <summary>The events of a message content that follows the events schema.</summary>
    public static List<LlmEvent> ReadEvents(string content)
    {
        JsonDocument answer;
        try
        {
            answer = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            throw new LlmAnswerException(LlmFallbackReason.MalformedJson, $"the message content is not JSON ({e.Message}): {Excerpt(content)}");
        }

        using (answer)
        {
            var root = answer.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                throw Violation("$.events", $"expected an object with an 'events' array: {Excerpt(content)}");
            }

            var result = new List<LlmEvent>(events.GetArrayLength());
            int index = 0;
            foreach (var item in events.EnumerateArray())
            {
                result.Add(ReadEvent(item, $"$.events[{index}]"));
                index++;
            }

            return result;
        }
    }

    private static LlmEvent ReadEvent(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Violation(path, $"expected an event object, got {item.ValueKind}");
        }

        foreach (var name in EventProperties)
        {
            if (!item.TryGetProperty(name, out _))
            {
                throw Violation($"{path}.{name}", "required property is missing");
            }
        }

        var typeElement = item.GetProperty("type");
        if (typeElement.ValueKind != JsonValueKind.String || !EventTypes.TryParse(typeElement.GetString(), out var type))
        {
            throw Violation($"{path}.type", $"'{typeElement}' is not one of {string.Join(", ", EventTypes.All)}");
        }

        var places = item.GetProperty("places");
        if (places.ValueKind != JsonValueKind.Array)
        {
            throw Violation($"{path}.places", $"expected an array of spans, got {places.ValueKind}");
        }

        var placeSpans = new List<LlmSpan>(places.GetArrayLength());
        int p = 0;
        foreach (var place in places.EnumerateArray())
        {
            placeSpans.Add(ReadSpan(place, $"{path}.places[{p}]"));
            p++;
        }

        var confidence = item.GetProperty("confidence");
        if (confidence.ValueKind != JsonValueKind.Number)
        {
            throw Violation($"{path}.confidence", $"expected a number, got {confidence.ValueKind}");
        }

        return new LlmEvent(
            ReadSpan(item.GetProperty("trigger"), $"{path}.trigger"),
            type,
            ReadOptionalSpan(item.GetProperty("agent"), $"{path}.agent"),
            ReadOptionalSpan(item.GetProperty("patient"), $"{path}.patient"),
            ReadOptionalSpan(item.GetProperty("theme"), $"{path}.theme"),
            placeSpans,
            ReadOptionalSpan(item.GetProperty("time"), $"{path}.time"),
            ReadBoolean(item.GetProperty("negated"), $"{path}.negated"),
            ReadBoolean(item.GetProperty("hypothetical"), $"{path}.hypothetical"),
            (float)Math.Clamp(confidence.GetDouble(), 0, 1));
    }

    private static LlmSpan? ReadOptionalSpan(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Null ? null : ReadSpan(element, path);

    private static LlmSpan ReadSpan(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Violation(path, $"expected a span object {{text, start, end}}, got {element.ValueKind}");
        }

        if (!element.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
        {
            throw Violation($"{path}.text", "expected a string");
        }

        return new LlmSpan(text.GetString()!, ReadOffset(element, "start", path), ReadOffset(element, "end", path));
    }

    private static int ReadOffset(JsonElement span, string name, string path)
    {
        if (!span.TryGetProperty(name, out var offset) || offset.ValueKind != JsonValueKind.Number || !offset.TryGetInt32(out var value))
        {
            throw Violation($"{path}.{name}", "expected an integer character offset");
        }

        return value;
    }

    private static bool ReadBoolean(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Violation(path, $"expected true or false, got {element.ValueKind}"),
    };

    private static LlmAnswerException Violation(string path, string problem) =>
        new(LlmFallbackReason.SchemaViolation, $"{path}: {problem}");

    private static string Excerpt(string? text) =>
        text is null ? "(null)" : text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, ExcerptLength), "…");
}
