namespace Storytelling.Configuration.Internal;

/// <summary>One value read from one layer, keyed with colons as <c>IConfiguration</c> expects.</summary>
internal sealed record SettingValue(string Key, string Value, SettingSource Source, SettingKind Kind = SettingKind.Text);
