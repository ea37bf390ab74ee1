namespace Storytelling.CloudEvents.Internal;

/// <summary>Member names of the JSON event format and the naming rule every attribute follows.</summary>
internal static class AttributeNames
{
    public const string Id = "id";
    public const string Source = "source";
    public const string SpecVersion = "specversion";
    public const string Type = "type";
    public const string Time = "time";
    public const string Subject = "subject";
    public const string DataContentType = "datacontenttype";
    public const string DataSchema = "dataschema";
    public const string Data = "data";
    public const string DataBase64 = "data_base64";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>The attribute named in errors about the envelope as a whole (invalid JSON, not an object).</summary>
    public const string Envelope = "$";

    /// <summary>Names an extension cannot take: the core attributes, <c>data</c> and <c>data_base64</c>.</summary>
    public static bool IsReserved(string name) => name is Id or Source or SpecVersion or Type or Time or Subject
        or DataContentType or DataSchema or Data or DataBase64;

    /// <summary>
    /// CloudEvents 1.0 "Naming Conventions": lower-case ASCII letters and digits only (MUST). The 20-character
    /// limit is a SHOULD and is deliberately not enforced, so longer names from other producers are accepted.
    /// </summary>
    public static bool IsValid(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not (>= 'a' and <= 'z') and not (>= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }
}
