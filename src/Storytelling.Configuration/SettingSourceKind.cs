namespace Storytelling.Configuration;

/// <summary>The layers of settings, in precedence order (later wins).</summary>
public enum SettingSourceKind
{
    Default,
    File,
    SeedEnvironment,
    Environment,
}
