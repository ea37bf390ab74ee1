using System.Text.Json;
using Storytelling.CloudEvents.Internal;

namespace Storytelling.CloudEvents;

/// <summary>
/// Reads and validates one event in the CloudEvents JSON event format (application/cloudevents+json).
/// Bad input never throws: the result lists every error found, each naming the attribute at fault.
/// </summary>
public static class CloudEventParser
{
    public static CloudEventParseResult Parse(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException exception)
        {
            return CloudEventParseResult.Invalid([CloudEventReader.InvalidJson(exception)]);
        }

        using (document)
        {
            return CloudEventReader.Read(document.RootElement);
        }
    }

    public static CloudEventParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            return CloudEventParseResult.Invalid([CloudEventReader.InvalidJson(exception)]);
        }

        using (document)
        {
            return CloudEventReader.Read(document.RootElement);
        }
    }

    /// <summary>Reads an event that is already a parsed JSON value, e.g. one element of a JSON batch.</summary>
    public static CloudEventParseResult Parse(JsonElement envelope) => CloudEventReader.Read(envelope);
}
