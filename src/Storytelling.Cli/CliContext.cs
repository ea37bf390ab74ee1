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
}
