using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Storytelling.Cli;

/// <summary>The JSON every command prints: indented, readable non-ASCII, written with a <see cref="Utf8JsonWriter"/>.</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whatever <paramref name="write"/> writes (one JSON value), as text.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One JSON object whose members <paramref name="writeMembers"/> writes, as text.</summary>
    public static string Object(Action<Utf8JsonWriter> writeMembers) => Write(writer =>
    {
        writer.WriteStartObject();
        writeMembers(writer);
        writer.WriteEndObject();
    });
}
