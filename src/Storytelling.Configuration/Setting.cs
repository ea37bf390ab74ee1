namespace Storytelling.Configuration;

/// <summary>One effective setting: its key (dotted, e.g. <c>event_consumer.batch_size</c>), value and origin.</summary>
public sealed record Setting(string Key, string Value, SettingSource Source)
{
    /// <summary>True for keys whose values must never be printed (passwords, API keys, tokens).</summary>
    public bool IsSecret => SettingKeys.IsSecret(Key);

    /// <summary>The value as it may be shown to a person: secrets are masked, empty secrets shown as empty.</summary>
    public string DisplayValue => IsSecret && Value.Length > 0 ? "********" : Value;
}
