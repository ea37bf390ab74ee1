using System.Globalization;
using System.Text.Json;
using Storytelling.Nlp.Events;

namespace Storytelling.Nlp.Output;

/// <summary>
/// The fields of one event in the <c>events.jsonl</c> shape (DESIGN.md): sentence, trigger (text, offsets, lemma,
/// nominal), type, modality, confidence, and the arguments <c>who</c> (agent), <c>whom</c> (patient), <c>what</c>
/// (theme), <c>where</c> (places) and <c>when</c>. Offsets are UTF-16 character offsets into the document text, end
/// exclusive. An argument the text does not give is null (<c>where</c>: an empty list). Callers write the object
/// around these fields and add their own (event id, document id, cluster and storyline ids).
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
        WriteOptional(writer, "value", when.Value);
        WriteOptional(writer, "begin", when.Interval?.Begin.ToString("O", CultureInfo.InvariantCulture));
        WriteOptional(writer, "end_exclusive", when.Interval?.End.ToString("O", CultureInfo.InvariantCulture));
        WriteOptional(writer, "text", when.Text);
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

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
