using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Storytelling.Metadata.Internal;

/// <summary>The JSON of the registry's records: outbox payloads, cache values, Redis rows and the read API (snake_case, nulls left out).</summary>
internal static class RegistryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The records every write goes through are source-generated (about twice as fast as reflection; the outbox
        // serialises and the deliverer reads one per document and event); the read API's views fall back to reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(RegistryJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"{what}: the JSON is null");

    /// <summary>An outbox entry's record (its place named only when it is null, not formatted for every record).</summary>
    public static T Read<T>(OutboxEntry entry) =>
        JsonSerializer.Deserialize<T>(entry.Payload, Options) ?? throw new InvalidDataException($"outbox entry {entry.Seq}: the JSON is null");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DocumentMetadata))]
[JsonSerializable(typeof(EventMetadata))]
[JsonSerializable(typeof(JobMetadata))]
[JsonSerializable(typeof(StorylineAssignment))]
[JsonSerializable(typeof(RunRecord))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
