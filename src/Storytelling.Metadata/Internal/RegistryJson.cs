using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storytelling.Metadata.Internal;

/// <summary>The JSON of the registry's records: outbox payloads, cache values, Redis rows and the read API (snake_case, nulls left out).</summary>
internal static class RegistryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"{what}: the JSON is null");
}
