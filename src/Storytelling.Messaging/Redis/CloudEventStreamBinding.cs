using System.Globalization;
using System.Text;
using System.Text.Json;
using Storytelling.CloudEvents;
using Storytelling.Redis;

namespace Storytelling.Messaging.Redis;

/// <summary>
/// How a CloudEvent maps onto the fields of one Redis stream entry (binary content mode, as the Kafka binding):
/// each context attribute and extension is a field named <c>ce_&lt;attribute&gt;</c> holding its canonical string,
/// <c>content-type</c> holds <c>datacontenttype</c>, and <c>data</c> holds the data bytes unchanged (JSON text for
/// JSON data). An entry with a single <c>cloudevent</c> field holding a JSON-format envelope (structured mode) is
/// read too. See docs/cloudevents-redis-streams.md.
/// </summary>
public static class CloudEventStreamBinding
{
    public const string AttributePrefix = "ce_";
    public const string ContentTypeField = "content-type";
    public const string DataField = "data";
    public const string DataEncodingField = "data_encoding";
    public const string StructuredField = "cloudevent";
    private const string Base64Encoding = "base64";

    /// <summary>The entry fields of <paramref name="cloudEvent"/>; throws <see cref="InvalidCloudEventException"/> if it is invalid.</summary>
    public static KeyValuePair<string, RedisArgument>[] ToFields(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var errors = cloudEvent.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidCloudEventException(errors);
        }

        var fields = new List<KeyValuePair<string, RedisArgument>>(8 + cloudEvent.Extensions.Count)
        {
            new(AttributePrefix + "specversion", cloudEvent.SpecVersion),
            new(AttributePrefix + "id", cloudEvent.Id),
            new(AttributePrefix + "source", cloudEvent.Source),
            new(AttributePrefix + "type", cloudEvent.Type),
        };
        if (cloudEvent.Time is { } time)
        {
            fields.Add(new(AttributePrefix + "time", FormatTime(time)));
        }

        if (cloudEvent.Subject is { } subject)
        {
            fields.Add(new(AttributePrefix + "subject", subject));
        }

        if (cloudEvent.DataSchema is { } schema)
        {
            fields.Add(new(AttributePrefix + "dataschema", schema));
        }

        foreach (var (name, value) in cloudEvent.Extensions.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            fields.Add(new(AttributePrefix + name, value.ToString()));
        }

        if (cloudEvent.DataContentType is { } contentType)
        {
            fields.Add(new(ContentTypeField, contentType));
        }

        if (cloudEvent.Data is { } data)
        {
            fields.Add(new(DataField, (ReadOnlyMemory<byte>)JsonSerializer.SerializeToUtf8Bytes(data)));
        }
        else if (cloudEvent.DataBase64 is { } bytes)
        {
            fields.Add(new(DataField, bytes));
            fields.Add(new(DataEncodingField, Base64Encoding));
        }

        return [.. fields];
    }

    /// <summary>Reads the event held by <paramref name="entry"/>, with every problem named, never throwing for bad input.</summary>
    public static CloudEventParseResult FromEntry(StreamEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.TryGetValue(StructuredField, out var structured))
        {
            return CloudEventParser.Parse(structured);
        }

        var errors = new List<CloudEventError>();
        string? id = null, source = null, type = null, specVersion = null, subject = null, schema = null, contentType = null;
        DateTimeOffset? time = null;
        JsonElement? data = null;
        ReadOnlyMemory<byte>? dataBytes = null;
        var base64 = false;
        var extensions = new Dictionary<string, ExtensionValue>(StringComparer.Ordinal);
        foreach (var (field, value) in entry.Fields)
        {
            if (field == DataField)
            {
                dataBytes = value;
                continue;
            }

            var text = Encoding.UTF8.GetString(value.Span);
            if (field == ContentTypeField)
            {
                contentType = text;
            }
            else if (field == DataEncodingField)
            {
                base64 = text == Base64Encoding;
            }
            else if (field.StartsWith(AttributePrefix, StringComparison.Ordinal))
            {
                var name = field[AttributePrefix.Length..];
                switch (name)
                {
                    case "id": id = text; break;
                    case "source": source = text; break;
                    case "type": type = text; break;
                    case "specversion": specVersion = text; break;
                    case "subject": subject = text; break;
                    case "dataschema": schema = text; break;
                    case "datacontenttype": contentType = text; break;
                    case "time":
                        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
                        {
                            time = parsed;
                        }
                        else
                        {
                            errors.Add(new CloudEventError("time", $"'{text}' is not an RFC 3339 timestamp"));
                        }

                        break;
                    default: extensions[name] = text; break;
                }
            }
        }

        if (dataBytes is { } bytes && !base64)
        {
            if (IsJson(contentType))
            {
                try
                {
                    using var document = JsonDocument.Parse(bytes);
                    data = document.RootElement.Clone();
                }
                catch (JsonException e)
                {
                    errors.Add(new CloudEventError("data", $"the '{DataField}' field is not valid JSON: {e.Message}"));
                }
            }
            else
            {
                data = JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(bytes.Span));
            }
        }

        var cloudEvent = new CloudEvent
        {
            Id = id ?? "",
            Source = source ?? "",
            Type = type ?? "",
            SpecVersion = specVersion ?? "",
            Time = time,
            Subject = subject,
            DataSchema = schema,
            DataContentType = contentType,
            Data = data,
            DataBase64 = base64 ? dataBytes : null,
            Extensions = extensions,
        };
        errors.AddRange(cloudEvent.Validate());
        return errors.Count == 0 ? CloudEventParseResult.Valid(cloudEvent) : CloudEventParseResult.Invalid(errors);
    }

    private static bool IsJson(string? contentType) =>
        contentType is null
        || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("text/json", StringComparison.OrdinalIgnoreCase);

    private static string FormatTime(DateTimeOffset time) =>
        time.Offset == TimeSpan.Zero
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
