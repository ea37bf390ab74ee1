using System.Text.Json;

namespace Storytelling.CloudEvents.Internal;

/// <summary>
/// Reads one JSON object in the CloudEvents JSON event format (1.0.2), collecting every error rather than
/// stopping at the first.
/// </summary>
internal sealed class CloudEventReader
{
    private readonly List<CloudEventError> _errors = [];
    private readonly Dictionary<string, ExtensionValue> _extensions = new(StringComparer.Ordinal);
    private string? _id;
    private string? _source;
    private string? _specVersion;
    private string? _type;
    private DateTimeOffset? _time;
    private string? _subject;
    private string? _dataContentType;
    private string? _dataSchema;
    private JsonElement? _data;
    private ReadOnlyMemory<byte>? _dataBase64;
    private bool _dataBase64Present;

    public static CloudEventParseResult Read(JsonElement envelope)
    {
        if (envelope.ValueKind != JsonValueKind.Object)
        {
            return CloudEventParseResult.Invalid([new CloudEventError(
                AttributeNames.Envelope,
                $"a CloudEvent in the JSON event format is a JSON object, found {JsonKinds.Describe(envelope.ValueKind)}")]);
        }

        return new CloudEventReader().ReadObject(envelope);
    }

    public static CloudEventError InvalidJson(JsonException exception)
    {
        var reason = exception.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        }

        reason = cut < 0 ? reason : reason[..cut];
        var line = (exception.LineNumber ?? 0) + 1;
        var position = (exception.BytePositionInLine ?? 0) + 1;
        return new CloudEventError(AttributeNames.Envelope, $"invalid JSON at line {line}, byte {position}: {reason}");
    }

    private CloudEventParseResult ReadObject(JsonElement envelope)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in envelope.EnumerateObject())
        {
            if (!seen.Add(member.Name))
            {
                Error(member.Name, "appears more than once; an attribute appears at most once in an event");
                continue;
            }

            ReadMember(member.Name, member.Value);
        }

        RequirePresent(AttributeNames.Id, _id);
        RequirePresent(AttributeNames.Source, _source);
        RequirePresent(AttributeNames.SpecVersion, _specVersion);
        RequirePresent(AttributeNames.Type, _type);

        if (_data is { } data)
        {
            if (_dataBase64Present)
            {
                Error(AttributeNames.DataBase64, AttributeRules.DataAndDataBase64);
            }

            Check(AttributeNames.Data, AttributeRules.DataFitsContentType(data, _dataContentType));
        }

        if (_errors.Count > 0)
        {
            return CloudEventParseResult.Invalid(_errors);
        }

        return CloudEventParseResult.Valid(new CloudEvent
        {
            Id = _id!,
            Source = _source!,
            SpecVersion = _specVersion!,
            Type = _type!,
            Time = _time,
            Subject = _subject,
            DataContentType = _dataContentType,
            DataSchema = _dataSchema,
            Data = _data,
            DataBase64 = _dataBase64,
            Extensions = _extensions.AsReadOnly(),
        });
    }

    private void ReadMember(string name, JsonElement value)
    {
        switch (name)
        {
            case AttributeNames.Data:
                _data = value.Clone();
                return;
            case AttributeNames.DataBase64:
                ReadDataBase64(value);
                return;
        }

        if (!AttributeNames.IsValid(name))
        {
            Error(name, AttributeRules.NameMessage);
            return;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        switch (name)
        {
            case AttributeNames.Id:
                _id = ReadString(name, value, AttributeRules.NonEmptyString);
                break;
            case AttributeNames.Source:
                _source = ReadString(name, value, AttributeRules.Source);
                break;
            case AttributeNames.SpecVersion:
                _specVersion = ReadString(name, value, AttributeRules.SpecVersion);
                break;
            case AttributeNames.Type:
                _type = ReadString(name, value, AttributeRules.NonEmptyString);
                break;
            case AttributeNames.Subject:
                _subject = ReadString(name, value, AttributeRules.NonEmptyString);
                break;
            case AttributeNames.DataContentType:
                _dataContentType = ReadString(name, value, AttributeRules.DataContentType);
                break;
            case AttributeNames.DataSchema:
                _dataSchema = ReadString(name, value, AttributeRules.DataSchema);
                break;
            case AttributeNames.Time:
                ReadTime(value);
                break;
            default:
                ReadExtension(name, value);
                break;
        }
    }

    private void ReadTime(JsonElement value)
    {
        var text = ReadString(AttributeNames.Time, value, static _ => null);
        if (text is null)
        {
            return;
        }

        if (Rfc3339.TryParse(text, out var time, out var error))
        {
            _time = time;
        }
        else
        {
            Error(AttributeNames.Time, error!);
        }
    }

    private void ReadDataBase64(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        _dataBase64Present = true;
        var text = ReadString(AttributeNames.DataBase64, value, static _ => null);
        if (text is null)
        {
            return;
        }

        var bytes = new byte[text.Length / 4 * 3];
        var whitespace = text.AsSpan().IndexOfAny(" \t\r\n");
        if (whitespace >= 0 || !Convert.TryFromBase64String(text, bytes, out var written))
        {
            Error(AttributeNames.DataBase64, whitespace >= 0
                ? $"is not valid base64 (RFC 4648): whitespace at index {whitespace}"
                : "is not valid base64 (RFC 4648): use the standard alphabet A-Z a-z 0-9 + / with '=' padding to a multiple of 4 characters");
            return;
        }

        _dataBase64 = bytes.AsMemory(0, written);
    }

    private void ReadExtension(string name, JsonElement value)
    {
        ExtensionValue extension;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = ReadString(name, value, static _ => null);
                if (text is null)
                {
                    return;
                }

                extension = text;
                break;
            case JsonValueKind.True or JsonValueKind.False:
                extension = value.GetBoolean();
                break;
            case JsonValueKind.Number:
                var raw = value.GetRawText();
                if (!IsIntegerLiteral(raw))
                {
                    Error(name, $"a number attribute is an Integer: digits with an optional minus sign, found {raw}");
                    return;
                }

                if (!value.TryGetInt32(out var integer))
                {
                    Error(name, $"integer {raw} is outside the 32-bit range {int.MinValue}..{int.MaxValue}");
                    return;
                }

                extension = integer;
                break;
            default:
                Error(name, $"an extension value is a string, an integer or a boolean, found {JsonKinds.Describe(value.ValueKind)}");
                return;
        }

        if (Check(name, AttributeRules.Extension(name, extension)))
        {
            _extensions[name] = extension;
        }
    }

    private string? ReadString(string name, JsonElement value, Func<string, string?> rule)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(name, $"must be a JSON string, found {JsonKinds.Describe(value.ValueKind)}");
            return null;
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            Error(name, "is not valid Unicode text: it contains invalid UTF-8 or an unpaired surrogate escape");
            return null;
        }

        return Check(name, rule(text)) ? text : null;
    }

    private void RequirePresent(string name, string? value)
    {
        if (value is null && !_errors.Exists(error => error.Attribute == name))
        {
            Error(name, "is required but missing (or null)");
        }
    }

    private static bool IsIntegerLiteral(string raw)
    {
        var digits = raw.AsSpan(raw.StartsWith('-') ? 1 : 0);
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private bool Check(string name, string? message)
    {
        if (message is null)
        {
            return true;
        }

        Error(name, message);
        return false;
    }

    private void Error(string name, string message) => _errors.Add(new CloudEventError(name, message));
}
