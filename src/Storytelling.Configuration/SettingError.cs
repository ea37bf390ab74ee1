namespace Storytelling.Configuration;

/// <summary>A setting that cannot be used: which key, the value given, where it came from and what is allowed.</summary>
public sealed record SettingError(string Key, string? Value, SettingSource? Source, string Problem)
{
    public override string ToString()
    {
        var value = Value is null ? "" : $" = '{(SettingKeys.IsSecret(Key) ? "********" : Value)}'";
        var from = Source is null ? "" : $" (from {Source})";
        return $"setting '{Key}'{value}{from}: {Problem}";
    }
}
