namespace Storytelling.CloudEvents.Internal;

/// <summary>
/// W3C Trace Context <c>traceparent</c> (section 3.2): <c>version-traceid-parentid-flags</c> in lower-case hex.
/// Version <c>ff</c> is invalid; version <c>00</c> is exactly 55 characters; a higher version is read by its
/// first 55 characters, as the W3C specification asks, provided any further content starts with '-'.
/// </summary>
internal static class TraceParentSyntax
{
    public const int Length = 55;

    public static string? Check(string value)
    {
        var problem = Problem(value);
        return problem is null ? null : $"'{value}' is not a W3C traceparent: {problem}";
    }

    private static string? Problem(string value)
    {
        if (value.Length < 2 || !IsLowerHex(value.AsSpan(0, 2)))
        {
            return "the version must be two lower-case hex digits, such as 00";
        }

        if (value.StartsWith("ff", StringComparison.Ordinal))
        {
            return "version ff is invalid";
        }

        var isVersion00 = value.StartsWith("00", StringComparison.Ordinal);
        if (isVersion00 ? value.Length != Length : value.Length < Length)
        {
            return $"it must be {Length} characters (00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>), found {value.Length}";
        }

        if (!isVersion00 && value.Length > Length && value[Length] != '-')
        {
            return $"content after the first {Length} characters of a future version must start with '-'";
        }

        if (value[2] != '-' || value[35] != '-' || value[52] != '-')
        {
            return "fields must be separated by '-' at indexes 2, 35 and 52";
        }

        var traceId = value.AsSpan(3, 32);
        var parentId = value.AsSpan(36, 16);
        return !IsLowerHex(traceId) ? "the trace id must be 32 lower-case hex digits"
            : IsAllZeros(traceId) ? "the trace id must not be all zeros"
            : !IsLowerHex(parentId) ? "the parent id must be 16 lower-case hex digits"
            : IsAllZeros(parentId) ? "the parent id must not be all zeros"
            : !IsLowerHex(value.AsSpan(53, 2)) ? "the trace flags must be two lower-case hex digits"
            : null;
    }

    public static bool IsLowerHex(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is not (>= '0' and <= '9') and not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsAllZeros(ReadOnlySpan<char> value) => !value.ContainsAnyExcept('0');
}
