using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Storytelling.CloudEvents;

/// <summary>
/// The value of an extension attribute. The JSON event format maps the CloudEvents type system onto JSON strings,
/// numbers (integers within the 32-bit range only) and booleans, so an extension holds exactly one of those.
/// </summary>
public readonly record struct ExtensionValue
{
    private ExtensionValue(object value) => Value = value;

    /// <summary>A <see cref="string"/>, an <see cref="int"/> or a <see cref="bool"/>; null only for <c>default</c>.</summary>
    public object? Value { get; }

    public static ExtensionValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ExtensionValue(value);
    }

    public static ExtensionValue FromInt32(int value) => new(value);

    public static ExtensionValue FromBoolean(bool value) => new(value);

    public static implicit operator ExtensionValue(string value) => FromString(value);

    public static implicit operator ExtensionValue(int value) => FromInt32(value);

    public static implicit operator ExtensionValue(bool value) => FromBoolean(value);

    public bool TryGetString([NotNullWhen(true)] out string? value)
    {
        value = Value as string;
        return value is not null;
    }

    public bool TryGetInt32(out int value)
    {
        (var found, value) = Value is int integer ? (true, integer) : (false, 0);
        return found;
    }

    public bool TryGetBoolean(out bool value)
    {
        (var found, value) = Value is bool boolean ? (true, boolean) : (false, false);
        return found;
    }

    /// <summary>The CloudEvents canonical string encoding: the string itself, the integer, or <c>true</c>/<c>false</c>.</summary>
    public override string ToString() => Value switch
    {
        bool boolean => boolean ? "true" : "false",
        int integer => integer.ToString(CultureInfo.InvariantCulture),
        string text => text,
        _ => string.Empty,
    };
}
