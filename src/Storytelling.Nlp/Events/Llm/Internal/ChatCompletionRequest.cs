using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Storytelling.Nlp.Events.Llm.Internal;

/// <summary>
/// The chat-completions request body for one document: the model, a system message with the task and the rules, a user
/// message with the document's sentences and their start offsets, temperature 0 and a strict JSON schema response format.
/// </summary>
internal static class ChatCompletionRequest
{
    public const string SchemaName = "events";

    private const string Instructions =
        "You find the events reported in a news article. An event is something that happens, happened or may happen, " +
        "named by a trigger word: a verb (\"attacked\", \"resigned\") or a noun (\"the attack\", \"earthquake\"). " +
        "For each event give: trigger, the trigger word exactly as written; type, one of the listed types " +
        "(conflict.attack, disaster, death.injury, arrest.justice, movement.transport, transaction, personnel.change, " +
        "meeting.contact, statement, other); agent, who did it; patient, the person or organisation it was done to; " +
        "theme, what it was about or done to when that is not a person or organisation; places, where it happened; " +
        "time, the words that say when it happened; negated, true when the text says it did not happen; hypothetical, " +
        "true when it is only possible, planned, wanted, conditional or future; confidence, from 0 to 1. " +
        "Every text must be copied exactly, character for character, from the article, and every span must give its " +
        "character offsets into the article: start is the offset of its first character, end the offset just after its " +
        "last character. The article is given one sentence per line, each preceded by the offset of its first character " +
        "in square brackets; offsets inside a sentence count from that value. Use null (or an empty places list) when " +
        "the article does not say. Report only events the article mentions; do not add events or words it does not contain.";

    /// <summary>The UTF-8 JSON request body.</summary>
    public static byte[] Build(Document document, string model)
    {
        var buffer = new ArrayBufferWriter<byte>(document.Text.Length * 2 + 4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("messages");
            WriteMessage(json, "system", Instructions);
            WriteMessage(json, "user", UserMessage(document));
            json.WriteEndArray();
            json.WriteNumber("temperature", 0);
            json.WriteStartObject("response_format");
            json.WriteString("type", "json_schema");
            json.WriteStartObject("json_schema");
            json.WriteString("name", SchemaName);
            json.WriteBoolean("strict", true);
            json.WritePropertyName("schema");
            WriteSchema(json);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The article, one sentence per line, each led by "[offset] ".</summary>
    internal static string UserMessage(Document document)
    {
        var text = new StringBuilder(document.Text.Length + document.Sentences.Length * 8 + 16);
        var tokens = document.Tokens;
        foreach (var sentence in document.Sentences)
        {
            int start = tokens[sentence.Start].Start;
            int end = tokens[sentence.End - 1].End;
            text.Append(CultureInfo.InvariantCulture, $"[{start}] ");
            foreach (var c in document.Text.AsSpan(start, end - start))
            {
                text.Append(c is '\r' or '\n' ? ' ' : c);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static void WriteMessage(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }

    /// <summary>
    /// The event schema in the subset strict structured outputs accept: every object closed (additionalProperties false)
    /// with every property required; absent arguments are null (anyOf with null), absent places an empty list.
    /// </summary>
    private static void WriteSchema(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "object");
        json.WriteStartObject("properties");
        json.WriteStartObject("events");
        json.WriteString("type", "array");
        json.WritePropertyName("items");
        WriteEventSchema(json);
        json.WriteEndObject();
        json.WriteEndObject();
        WriteRequired(json, "events");
        json.WriteBoolean("additionalProperties", false);
        json.WriteEndObject();
    }

    private static void WriteEventSchema(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "object");
        json.WriteStartObject("properties");
        json.WritePropertyName("trigger");
        WriteSpanSchema(json);
        json.WriteStartObject("type");
        json.WriteString("type", "string");
        json.WriteStartArray("enum");
        foreach (var name in EventTypes.All)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        foreach (var argument in (string[])["agent", "patient", "theme", "time"])
        {
            json.WriteStartObject(argument);
            json.WriteStartArray("anyOf");
            WriteSpanSchema(json);
            json.WriteStartObject();
            json.WriteString("type", "null");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteStartObject("places");
        json.WriteString("type", "array");
        json.WritePropertyName("items");
        WriteSpanSchema(json);
        json.WriteEndObject();
        foreach (var flag in (string[])["negated", "hypothetical"])
        {
            json.WriteStartObject(flag);
            json.WriteString("type", "boolean");
            json.WriteEndObject();
        }

        json.WriteStartObject("confidence");
        json.WriteString("type", "number");
        json.WriteEndObject();
        json.WriteEndObject();
        WriteRequired(json, EventAnswerReader.EventProperties);
        json.WriteBoolean("additionalProperties", false);
        json.WriteEndObject();
    }

    private static void WriteSpanSchema(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "object");
        json.WriteStartObject("properties");
        json.WriteStartObject("text");
        json.WriteString("type", "string");
        json.WriteEndObject();
        json.WriteStartObject("start");
        json.WriteString("type", "integer");
        json.WriteEndObject();
        json.WriteStartObject("end");
        json.WriteString("type", "integer");
        json.WriteEndObject();
        json.WriteEndObject();
        WriteRequired(json, "text", "start", "end");
        json.WriteBoolean("additionalProperties", false);
        json.WriteEndObject();
    }

    private static void WriteRequired(Utf8JsonWriter json, params ReadOnlySpan<string> names)
    {
        json.WriteStartArray("required");
        foreach (var name in names)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
    }
}
