using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Storytelling.CloudEvents.Internal;

namespace Storytelling.CloudEvents;

/// <summary>
/// A CloudEvents 1.0 event. Build one with <see cref="Create{T}(string, string, T, JsonSerializerOptions?, TimeProvider?)"/>
/// or an object initializer, check it with <see cref="Validate"/>, write it with <see cref="CloudEventFormatter"/>
/// and read it with <see cref="CloudEventParser"/>. Equality compares every attribute, the data by JSON value
/// and the time including its offset.
/// </summary>
public sealed record CloudEvent
{
    /// <summary>The only <c>specversion</c> this library reads and writes.</summary>
    public const string SupportedSpecVersion = AttributeRules.SupportedSpecVersion;

    /// <summary>The content type <see cref="Create{T}(string, string, T, JsonSerializerOptions?, TimeProvider?)"/> sets.</summary>
    public const string JsonContentType = "application/json";

    private static readonly IReadOnlyDictionary<string, ExtensionValue> NoExtensions =
        ReadOnlyDictionary<string, ExtensionValue>.Empty;

    /// <summary>Non-empty; <see cref="Source"/> + <see cref="Id"/> is unique per distinct event (the deduplication key).</summary>
    public required string Id { get; init; }

    /// <summary>A non-empty URI-reference naming the context the event happened in, e.g. <c>/storytelling/cleaning</c>.</summary>
    public required string Source { get; init; }

    public string SpecVersion { get; init; } = SupportedSpecVersion;

    /// <summary>Non-empty, reverse-DNS prefixed; see <see cref="EventTypes"/>.</summary>
    public required string Type { get; init; }

    public DateTimeOffset? Time { get; init; }

    public string? Subject { get; init; }

    /// <summary>An RFC 2046 media type; when absent, JSON data is implied.</summary>
    public string? DataContentType { get; init; }

    /// <summary>An absolute URI (RFC 3986 section 4.3) of the schema <see cref="Data"/> adheres to.</summary>
    public string? DataSchema { get; init; }

    /// <summary>
    /// The <c>data</c> member: any JSON value when the content type is JSON (a JSON null is an explicit null
    /// payload, distinct from no data), otherwise a JSON string holding the content.
    /// </summary>
    public JsonElement? Data { get; init; }

    /// <summary>Binary data, written as the <c>data_base64</c> member. Never set together with <see cref="Data"/>.</summary>
    public ReadOnlyMemory<byte>? DataBase64 { get; init; }

    /// <summary>Extension attributes, written as top-level JSON members.</summary>
    public IReadOnlyDictionary<string, ExtensionValue> Extensions { get; init; } = NoExtensions;

    /// <summary>The <c>traceparent</c> extension (CloudEvents Distributed Tracing extension), if set.</summary>
    public string? TraceParent => StringExtension(AttributeNames.TraceParent);

    /// <summary>The <c>tracestate</c> extension (CloudEvents Distributed Tracing extension), if set.</summary>
    public string? TraceState => StringExtension(AttributeNames.TraceState);

    /// <summary>How event data is serialized by default: web defaults with snake_case names (<c>document_id</c>).</summary>
    public static JsonSerializerOptions DataJsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>
    /// A new event with a version 7 GUID as id, the current UTC time, <c>datacontenttype: application/json</c>
    /// and <paramref name="data"/> serialized with <paramref name="options"/> (default: <see cref="DataJsonOptions"/>,
    /// snake_case member names like every other JSON this project writes).
    /// </summary>
    public static CloudEvent Create<T>(
        string type, string source, T data, JsonSerializerOptions? options = null, TimeProvider? timeProvider = null) =>
        FromJsonData(type, source, JsonSerializer.SerializeToElement(data, options ?? DataJsonOptions), timeProvider);

    /// <summary>As the other overload, serializing <paramref name="data"/> with source-generated metadata.</summary>
    public static CloudEvent Create<T>(
        string type, string source, T data, JsonTypeInfo<T> typeInfo, TimeProvider? timeProvider = null) =>
        FromJsonData(type, source, JsonSerializer.SerializeToElement(data, typeInfo), timeProvider);

    /// <summary>A copy with the extension set (replaced if present). The name is checked by <see cref="Validate"/>.</summary>
    public CloudEvent WithExtension(string name, ExtensionValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var extensions = new Dictionary<string, ExtensionValue>(Extensions, StringComparer.Ordinal) { [name] = value };
        return this with { Extensions = extensions.AsReadOnly() };
    }

    /// <summary>A copy carrying <paramref name="traceParent"/> (and <paramref name="traceState"/>, if given).</summary>
    public CloudEvent WithTraceContext(TraceContext traceParent, string? traceState = null)
    {
        ArgumentNullException.ThrowIfNull(traceParent);
        var extensions = new Dictionary<string, ExtensionValue>(Extensions, StringComparer.Ordinal)
        {
            [AttributeNames.TraceParent] = traceParent.ToString(),
        };
        if (traceState is null)
        {
            extensions.Remove(AttributeNames.TraceState);
        }
        else
        {
            extensions[AttributeNames.TraceState] = traceState;
        }

        return this with { Extensions = extensions.AsReadOnly() };
    }

    /// <summary>Every rule the parser enforces, applied to this event; empty when it is valid.</summary>
    public IReadOnlyList<CloudEventError> Validate() => CloudEventValidator.Validate(this);

    public bool Equals(CloudEvent? other) =>
        other is not null
        && Id == other.Id
        && Source == other.Source
        && SpecVersion == other.SpecVersion
        && Type == other.Type
        && Nullable.Equals(Time, other.Time)
        && Time?.Offset == other.Time?.Offset
        && Subject == other.Subject
        && DataContentType == other.DataContentType
        && DataSchema == other.DataSchema
        && DataEquals(Data, other.Data)
        && DataBase64Equals(DataBase64, other.DataBase64)
        && ExtensionsEqual(Extensions, other.Extensions);

    public override int GetHashCode() => HashCode.Combine(Id, Source, Type, Time);

    private static CloudEvent FromJsonData(string type, string source, JsonElement data, TimeProvider? timeProvider)
    {
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        return new CloudEvent
        {
            Id = Guid.CreateVersion7(now).ToString(),
            Source = source,
            Type = type,
            Time = now,
            DataContentType = JsonContentType,
            Data = data,
        };
    }

    private string? StringExtension(string name) =>
        Extensions.TryGetValue(name, out var value) && value.TryGetString(out var text) ? text : null;

    private static bool DataEquals(JsonElement? left, JsonElement? right) =>
        left is null || right is null ? left is null && right is null : JsonElement.DeepEquals(left.Value, right.Value);

    private static bool DataBase64Equals(ReadOnlyMemory<byte>? left, ReadOnlyMemory<byte>? right) =>
        left is null || right is null ? left is null && right is null : left.Value.Span.SequenceEqual(right.Value.Span);

    private static bool ExtensionsEqual(IReadOnlyDictionary<string, ExtensionValue> left, IReadOnlyDictionary<string, ExtensionValue> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var (name, value) in left)
        {
            if (!right.TryGetValue(name, out var other) || value != other)
            {
                return false;
            }
        }

        return true;
    }
}
