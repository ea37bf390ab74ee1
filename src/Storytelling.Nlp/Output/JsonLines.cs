using System.Text.Encodings.Web;
using System.Text.Json;

namespace Storytelling.Nlp.Output;

/// <summary>How the JSONL outputs are written: compact, with non-ASCII text and <c>+</c>/<c>'</c> left readable (valid JSON, not HTML-safe).</summary>
public static class JsonLines
{
    public static JsonWriterOptions WriterOptions { get; } = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="name"/> with the string, or null when there is none.</summary>
    public static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
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
