using System.Globalization;
using System.Text.Json;
using Storytelling.Nlp.Events;
using Storytelling.Nlp.Time;

namespace Storytelling.Nlp.Output;

/// <summary>
/// The fields of one event in the <c>events.jsonl</c> shape (DESIGN.md): sentence, trigger (text, offsets, lemma,
/// nominal), type, modality, confidence, and the arguments <c>who</c> (agent), <c>whom</c> (patient), <c>what</c>
/// (theme), <c>where</c> (places) and <c>when</c>. Offsets are UTF-16 character offsets into the document text, end
/// exclusive. An argument the text does not give is null (<c>where</c>: an empty list). Callers write the object
/// around these fields and add their own (event id, document id, cluster and storyline ids). <see cref="ReadMention"/>
/// reads the fields back (for stores that keep events as JSON).
/// </summary>
public static class EventJson
{
    public static void WriteFields(Utf8JsonWriter writer, EventMention mention)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(mention);
        writer.WriteNumber("sentence", mention.Sentence);
        writer.WriteStartObject("trigger");
        writer.WriteString("text", mention.Trigger);
        writer.WriteNumber("start", mention.TriggerStart);
        writer.WriteNumber("end", mention.TriggerEnd);
        writer.WriteString("lemma", mention.Lemma);
        writer.WriteBoolean("nominal", mention.IsNominal);
        writer.WriteEndObject();
        writer.WriteString("type", mention.Type.Name());
        writer.WriteBoolean("negated", mention.IsNegated);
        writer.WriteBoolean("hypothetical", mention.IsHypothetical);
        writer.WriteBoolean("reported", (mention.Modality & EventModality.Reported) != 0);
        writer.WriteNumber("confidence", Math.Round(mention.Confidence, 3));
        WriteArgument(writer, "who", mention.Agent);
        WriteArgument(writer, "whom", mention.Patient);
        WriteArgument(writer, "what", mention.Theme);
        writer.WriteStartArray("where");
        foreach (var place in mention.Places)
        {
            WriteArgumentValue(writer, place);
        }

        writer.WriteEndArray();
        WriteWhen(writer, mention.When);
    }

    /// <summary>
    /// An event mention from the fields <see cref="WriteFields"/> wrote. The trigger's token index is not stored, so it
    /// is -1; everything the story engine and readers use (offsets, lemma, type, modality, arguments, time) is restored.
    /// Throws <see cref="InvalidDataException"/> naming the missing field.
    /// </summary>
    public static EventMention ReadMention(JsonElement fields)
    {
        var trigger = Property(fields, "trigger");
        var modality = (Bool(fields, "negated") ? EventModality.Negated : EventModality.Asserted)
            | (Bool(fields, "hypothetical") ? EventModality.Hypothetical : EventModality.Asserted)
            | (Bool(fields, "reported") ? EventModality.Reported : EventModality.Asserted);
        var typeName = Property(fields, "type").GetString();
        if (!EventTypes.TryParse(typeName, out var type))
        {
            throw new InvalidDataException($"event field 'type' is '{typeName}', not one of {string.Join(", ", EventTypes.All)}");
        }

        return new EventMention(
            Property(fields, "sentence").GetInt32(), -1, Property(trigger, "start").GetInt32(), Property(trigger, "end").GetInt32(),
            Property(trigger, "text").GetString()!, Property(trigger, "lemma").GetString()!, Bool(trigger, "nominal"), type, modality,
            Property(fields, "confidence").GetSingle())
        {
            Agent = ReadArgument(fields, "who"),
            Patient = ReadArgument(fields, "whom"),
            Theme = ReadArgument(fields, "what"),
            Places = fields.TryGetProperty("where", out var where) && where.ValueKind == JsonValueKind.Array
                ? [.. where.EnumerateArray().Select(ReadArgumentValue)]
                : [],
            When = ReadWhen(fields),
        };
    }

    private static EventArgument? ReadArgument(JsonElement fields, string name) =>
        fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? ReadArgumentValue(value) : null;

    private static EventArgument ReadArgumentValue(JsonElement value) => new(
        Property(value, "start").GetInt32(), Property(value, "end").GetInt32(), Property(value, "text").GetString()!,
        value.TryGetProperty("entity_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null, -1,
        Property(value, "confidence").GetSingle());

    private static EventTime? ReadWhen(JsonElement fields)
    {
        if (!fields.TryGetProperty("when", out var when) || when.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        TimeInterval? interval = String(when, "begin") is { } begin && String(when, "end_exclusive") is { } end
            ? new TimeInterval(DateTimeOffset.Parse(begin, CultureInfo.InvariantCulture), DateTimeOffset.Parse(end, CultureInfo.InvariantCulture))
            : null;
        var hasOffsets = when.TryGetProperty("start", out var start) && start.ValueKind == JsonValueKind.Number;
        return new EventTime(
            hasOffsets ? start.GetInt32() : -1, hasOffsets ? Property(when, "end").GetInt32() : -1, String(when, "text"), String(when, "value"), interval, -1,
            Bool(when, "document_date_fallback"), Property(when, "confidence").GetSingle());
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new InvalidDataException($"event field '{name}' is missing");

    private static bool Bool(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteArgument(Utf8JsonWriter writer, string name, EventArgument? argument)
    {
        writer.WritePropertyName(name);
        if (argument is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteArgumentValue(writer, argument);
        }
    }

    private static void WriteArgumentValue(Utf8JsonWriter writer, EventArgument argument)
    {
        writer.WriteStartObject();
        writer.WriteString("text", argument.Text);
        writer.WriteNumber("start", argument.Start);
        writer.WriteNumber("end", argument.End);
        if (argument.EntityType is null)
        {
            writer.WriteNull("entity_type");
        }
        else
        {
            writer.WriteString("entity_type", argument.EntityType);
        }

        writer.WriteNumber("confidence", Math.Round(argument.Confidence, 3));
        writer.WriteEndObject();
    }

    /// <summary><c>when</c>: the normalized value, the [begin, end) interval, the text and offsets it came from (null for the document-date fallback) and the fallback flag.</summary>
    private static void WriteWhen(Utf8JsonWriter writer, EventTime? when)
    {
        if (when is null)
        {
            writer.WriteNull("when");
            return;
        }

        writer.WriteStartObject("when");
        JsonLines.WriteStringOrNull(writer, "value", when.Value);
        JsonLines.WriteStringOrNull(writer, "begin", when.Interval?.Begin.ToString("O", CultureInfo.InvariantCulture));
        JsonLines.WriteStringOrNull(writer, "end_exclusive", when.Interval?.End.ToString("O", CultureInfo.InvariantCulture));
        JsonLines.WriteStringOrNull(writer, "text", when.Text);
        if (when.Start >= 0)
        {
            writer.WriteNumber("start", when.Start);
            writer.WriteNumber("end", when.End);
        }
        else
        {
            writer.WriteNull("start");
            writer.WriteNull("end");
        }

        writer.WriteBoolean("document_date_fallback", when.IsDocumentDateFallback);
        writer.WriteNumber("confidence", Math.Round(when.Confidence, 3));
        writer.WriteEndObject();
    }
}
