namespace Storytelling.Configuration;

/// <summary>What to load settings from. The defaults always come from the built-in <c>config/settings.yaml</c>.</summary>
public sealed record SettingsLoadOptions
{
    /// <summary>A settings file laid over the defaults (the CLI's <c>--config</c>, or <c>STORYTELLING_CONFIG</c>).</summary>
    public string? SettingsFile { get; init; }

    /// <summary>The environment to read overrides and placeholders from; null means the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Name used for <c>${HOSTNAME}</c> when the variable is not set; null means <see cref="System.Environment.MachineName"/>.</summary>
    public string? MachineName { get; init; }

    public const string SettingsFileVariable = "STORYTELLING_CONFIG";

    public const string EnvironmentPrefix = "STORYTELLING__";
}
