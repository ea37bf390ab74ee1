using System.Text.Json.Serialization;

namespace Storytelling.Messaging.Internal;

/// <summary>Source-generated JSON for the messaging reports: snake_case names, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ConsumerHealth))]
internal sealed partial class MessagingJson : JsonSerializerContext
{
    public static MessagingJson Indented { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    });
}
