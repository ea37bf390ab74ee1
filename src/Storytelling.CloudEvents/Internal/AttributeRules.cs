using System.Text.Json;

namespace Storytelling.CloudEvents.Internal;

/// <summary>
/// The value rules of CloudEvents 1.0.2, shared by the parser (on JSON input) and by
/// <see cref="CloudEvent.Validate"/> (on events built in code). Each returns null when the value is valid.
/// </summary>
internal static class AttributeRules
{
    public const string SupportedSpecVersion = "1.0";

    public static string? NonEmptyString(string value) =>
        value.Length == 0 ? "must be a non-empty string" : StringCharacters.Check(value);

    public static string? SpecVersion(string value) => value == SupportedSpecVersion
        ? null
        : $"unsupported specversion '{value}'; only '{SupportedSpecVersion}' is supported";

    public static string? Source(string value) => UriSyntax.CheckReference(value);

    public static string? DataSchema(string value) => UriSyntax.CheckAbsolute(value);

    public static string? DataContentType(string value) => MediaType.Check(value);

    public static string? ExtensionName(string name) =>
        !AttributeNames.IsValid(name) ? NameMessage
        : AttributeNames.IsReserved(name) ? $"'{name}' is a core attribute or reserved name and cannot be an extension"
        : null;

    public const string NameMessage = "attribute names must consist of lower-case ASCII letters and digits only (a-z, 0-9)";

    public static string? Extension(string name, ExtensionValue value)
    {
        if (value.Value is null)
        {
            return "the extension value is not set";
        }

        if (name is AttributeNames.TraceParent or AttributeNames.TraceState)
        {
            if (!value.TryGetString(out var text))
            {
                return $"{name} must be a string";
            }

            return name == AttributeNames.TraceParent ? TraceParentSyntax.Check(text) : StringCharacters.Check(text);
        }

        return value.TryGetString(out var s) ? StringCharacters.Check(s) : null;
    }

    /// <summary>
    /// JSON event format 3.1.2: when <c>datacontenttype</c> is not JSON, <c>data</c> holds the content as a string.
    /// The spec lets a consumer fail on anything else; we do, as such an event was produced by mistake.
    /// </summary>
    public static string? DataFitsContentType(JsonElement data, string? dataContentType) =>
        data.ValueKind == JsonValueKind.Undefined ? "data is an undefined JsonElement"
        : dataContentType is not null && data.ValueKind != JsonValueKind.String && !MediaType.IsJson(dataContentType)
            ? $"datacontenttype '{dataContentType}' is not JSON, so data must be a JSON string holding the content, found {JsonKinds.Describe(data.ValueKind)}"
            : null;

    public const string DataAndDataBase64 = "data and data_base64 are mutually exclusive; an event carries one or neither";
}
