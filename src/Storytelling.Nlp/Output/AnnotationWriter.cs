using System.Globalization;
using System.Text;
using System.Text.Json;
using Storytelling.Nlp.Pipeline;

namespace Storytelling.Nlp.Output;

/// <summary>
/// Writes a processed <see cref="Document"/> in the <c>documents.jsonl</c> annotation shape (one compact JSON object
/// per document, snake_case) or as a readable table. Offsets are UTF-16 character offsets into <c>text</c>, end
/// exclusive; <c>i</c> is the 1-based index of the token in its sentence (what <c>head</c> refers to, 0 = root).
/// A layer the pipeline did not produce is null: <c>upos</c>/<c>xpos</c> without a tagger, <c>lemma</c> without a
/// lemmatizer, <c>head</c>/<c>deprel</c> without a parser, <c>entities</c> without an entity recognizer and
/// <c>time_expressions</c> without a time-expression component, <c>events</c> without an event extractor (each event as
/// <see cref="EventJson"/> writes it). An empty list means the layer ran and found nothing.
/// </summary>
public static class AnnotationWriter
{
    private static readonly string[] TableHeader = ["i", "token", "start", "end", "upos", "xpos", "lemma", "head", "deprel"];

    public static string ToJson(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var layers = document.Annotations;
        bool tagged = layers.HasFlag(Annotations.Tags);
        bool lemmatized = layers.HasFlag(Annotations.Lemmas);
        bool parsed = layers.HasFlag(Annotations.Dependencies);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonLines.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", document.Id);
            writer.WriteString("text", document.Text);
            writer.WriteStartArray("sentences");
            var tokens = document.Tokens;
            foreach (var sentence in document.Sentences)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", tokens[sentence.Start].Start);
                writer.WriteNumber("end", tokens[sentence.End - 1].End);
                writer.WriteStartArray("tokens");
                for (int t = sentence.Start; t < sentence.End; t++)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("i", t - sentence.Start + 1);
                    writer.WriteString("text", document.TokenText(t));
                    writer.WriteNumber("start", tokens[t].Start);
                    writer.WriteNumber("end", tokens[t].End);
                    WriteStringOrNull(writer, "upos", tagged, document.Upos[t]);
                    WriteStringOrNull(writer, "xpos", tagged, document.Xpos[t]);
                    WriteStringOrNull(writer, "lemma", lemmatized, document.Lemmas[t]);
                    if (parsed)
                    {
                        writer.WriteNumber("head", document.Heads[t]);
                    }
                    else
                    {
                        writer.WriteNull("head");
                    }

                    WriteStringOrNull(writer, "deprel", parsed, document.Relations[t]);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (layers.HasFlag(Annotations.Entities))
            {
                WriteEntities(writer, document);
            }
            else
            {
                writer.WriteNull("entities");
            }

            if (layers.HasFlag(Annotations.TimeExpressions))
            {
                WriteTimeExpressions(writer, document);
            }
            else
            {
                writer.WriteNull("time_expressions");
            }

            if (layers.HasFlag(Annotations.Events))
            {
                writer.WriteStartArray("events");
                foreach (var mention in document.Events)
                {
                    writer.WriteStartObject();
                    EventJson.WriteFields(writer, mention);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Each time expression: text, offsets, type, ISO 8601 value, the [begin, end) interval it denotes (or null), the
    /// anchor used, its flags in snake_case and its confidence (docs/time-expressions.md).
    /// </summary>
    private static void WriteTimeExpressions(Utf8JsonWriter writer, Document document)
    {
        writer.WriteStartArray("time_expressions");
        foreach (var time in document.TimeExpressions)
        {
            writer.WriteStartObject();
            writer.WriteString("text", time.Text);
            writer.WriteNumber("start", time.Start);
            writer.WriteNumber("end", time.End);
            writer.WriteString("type", time.Type.ToString().ToLowerInvariant());
            writer.WriteString("value", time.Value);
            if (time.Interval is { } interval)
            {
                writer.WriteString("begin", interval.Begin.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteString("end_exclusive", interval.End.ToString("O", CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNull("begin");
                writer.WriteNull("end_exclusive");
            }

            writer.WriteString("anchor", time.Anchor == Storytelling.Nlp.Time.TimeAnchor.PublicationDate ? "publication_date" : "none");
            writer.WriteStartArray("flags");
            foreach (var flag in Enum.GetValues<Storytelling.Nlp.Time.TimeExpressionTraits>())
            {
                if (flag != Storytelling.Nlp.Time.TimeExpressionTraits.None && time.Flags.HasFlag(flag))
                {
                    writer.WriteStringValue(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(flag.ToString()));
                }
            }

            writer.WriteEndArray();
            writer.WriteNumber("confidence", Math.Round(time.Confidence, 3));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>One block per sentence: a header with its offsets, then one aligned row per token.</summary>
    public static string ToTable(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        bool parsed = document.Annotations.HasFlag(Annotations.Dependencies);
        var text = new StringBuilder();
        var tokens = document.Tokens;
        int number = 0;
        foreach (var sentence in document.Sentences)
        {
            number++;
            int start = tokens[sentence.Start].Start, end = tokens[sentence.End - 1].End;
            text.Append(CultureInfo.InvariantCulture, $"# sentence {number} [{start},{end}): {document.Text[start..end].ReplaceLineEndings(" ")}\n");
            var rows = new List<string[]> { TableHeader };
            for (int t = sentence.Start; t < sentence.End; t++)
            {
                rows.Add(
                [
                    (t - sentence.Start + 1).ToString(CultureInfo.InvariantCulture),
                    document.TokenString(t),
                    tokens[t].Start.ToString(CultureInfo.InvariantCulture),
                    tokens[t].End.ToString(CultureInfo.InvariantCulture),
                    Dash(document.Upos[t]),
                    Dash(document.Xpos[t]),
                    Dash(document.Lemmas[t]),
                    parsed ? document.Heads[t].ToString(CultureInfo.InvariantCulture) : "-",
                    parsed ? Dash(document.Relations[t]) : "-",
                ]);
            }

            var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
            {
                text.Append(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
            }

            text.Append('\n');
        }

        if (document.Annotations.HasFlag(Annotations.Entities))
        {
            text.Append(CultureInfo.InvariantCulture, $"# entities: {document.Entities.Count}\n");
            foreach (var entity in document.Entities)
            {
                text.Append(CultureInfo.InvariantCulture, $"{entity.Type,-9} [{entity.Start},{entity.End})  {document.Text[entity.Start..entity.End].ReplaceLineEndings(" ")}\n");
            }
        }

        return text.ToString();
    }

    private static string Dash(string value) => value.Length == 0 ? "-" : value;

    /// <summary>Writes the <c>entities</c> array: each entity's text, type and character offsets.</summary>
    private static void WriteEntities(Utf8JsonWriter writer, Document document)
    {
        writer.WriteStartArray("entities");
        foreach (var entity in document.Entities)
        {
            writer.WriteStartObject();
            writer.WriteString("text", document.Text.AsSpan(entity.Start, entity.End - entity.Start));
            writer.WriteString("type", entity.Type);
            writer.WriteNumber("start", entity.Start);
            writer.WriteNumber("end", entity.End);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, bool present, string value)
    {
        if (present)
        {
            writer.WriteString(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
