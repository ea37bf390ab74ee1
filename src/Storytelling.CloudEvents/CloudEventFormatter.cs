using System.Buffers;
using System.Text;
using System.Text.Json;
using Storytelling.CloudEvents.Internal;

namespace Storytelling.CloudEvents;

/// <summary>
/// Writes events in the CloudEvents JSON event format: attributes and extensions as top-level members, JSON data
/// as <c>data</c>, binary data as <c>data_base64</c>, time as RFC 3339 with its offset. An invalid event is never
/// written: <see cref="InvalidCloudEventException"/> lists what <see cref="CloudEvent.Validate"/> found.
/// </summary>
public static class CloudEventFormatter
{
    /// <summary>The media type of a structured-mode CloudEvent in JSON.</summary>
    public const string MediaType = "application/cloudevents+json";

    public static byte[] SerializeToUtf8Bytes(CloudEvent cloudEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, cloudEvent);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Serialize(CloudEvent cloudEvent) => Encoding.UTF8.GetString(SerializeToUtf8Bytes(cloudEvent));

    /// <exception cref="InvalidCloudEventException">The event breaks a rule; nothing has been written.</exception>
    public static void Write(Utf8JsonWriter writer, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var errors = cloudEvent.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidCloudEventException(errors);
        }

        writer.WriteStartObject();
        writer.WriteString(AttributeNames.SpecVersion, cloudEvent.SpecVersion);
        writer.WriteString(AttributeNames.Id, cloudEvent.Id);
        writer.WriteString(AttributeNames.Source, cloudEvent.Source);
        writer.WriteString(AttributeNames.Type, cloudEvent.Type);
        WriteOptional(writer, AttributeNames.Subject, cloudEvent.Subject);
        if (cloudEvent.Time is { } time)
        {
            writer.WriteString(AttributeNames.Time, Rfc3339.Format(time));
        }

        WriteOptional(writer, AttributeNames.DataContentType, cloudEvent.DataContentType);
        WriteOptional(writer, AttributeNames.DataSchema, cloudEvent.DataSchema);
        foreach (var (name, value) in cloudEvent.Extensions)
        {
            switch (value.Value)
            {
                case string text:
                    writer.WriteString(name, text);
                    break;
                case int integer:
                    writer.WriteNumber(name, integer);
                    break;
                case bool boolean:
                    writer.WriteBoolean(name, boolean);
                    break;
            }
        }

        if (cloudEvent.Data is { } data)
        {
            writer.WritePropertyName(AttributeNames.Data);
            data.WriteTo(writer);
        }
        else if (cloudEvent.DataBase64 is { } bytes)
        {
            writer.WriteBase64String(AttributeNames.DataBase64, bytes.Span);
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
