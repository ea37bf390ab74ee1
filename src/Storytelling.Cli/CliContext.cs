using System.CommandLine;
using Storytelling.Configuration;

namespace Storytelling.Cli;

/// <summary>What every command action gets: its parse result, output writers and the settings (loaded on first use).</summary>
public sealed class CliContext(ParseResult parseResult, TextWriter output, TextWriter error, Option<string?> configOption)
{
    private Settings? _settings;

    public ParseResult ParseResult { get; } = parseResult;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public Settings Settings => _settings ??= Settings.Load(new SettingsLoadOptions { SettingsFile = ParseResult.GetValue(configOption) });

    /// <summary>
    /// The models directory: <paramref name="option"/> (a command's <c>--models</c>) when given, else the setting
    /// <c>nlp.models_dir</c> when not empty (it must exist), else null: the nearest <c>models/</c> folder (<c>ModelStore</c>).
    /// </summary>
    public string? ModelsDirectory(string? option)
    {
        if (option is not null)
        {
            return option;
        }

        var setting = Settings.Find("nlp.models_dir");
        if (setting is null || string.IsNullOrWhiteSpace(setting.Value))
        {
            return null;
        }

        return Directory.Exists(setting.Value)
            ? setting.Value
            : throw new SettingsException([new SettingError(setting.Key, setting.Value, setting.Source, "the models directory does not exist")]);
    }
}
