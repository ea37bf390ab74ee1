using Microsoft.Extensions.Logging;
using Storytelling.Configuration;

namespace Storytelling.Cli.Tests;

public sealed class CliLoggingTests
{
    [Theory]
    [InlineData("Warning", LogLevel.Warning)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData(" Error ", LogLevel.Error)]
    public void A_level_name_in_any_case_sets_the_level(string value, LogLevel expected) =>
        Assert.Equal(expected, CliLogging.LevelOf(Load(value)));

    [Theory]
    [InlineData("verbose")]
    [InlineData("2")]
    public void Anything_else_is_a_settings_error_naming_the_key_value_and_source(string value)
    {
        var error = Assert.Throws<SettingsException>(() => CliLogging.Create(Load(value)));

        Assert.Contains("service.log_level", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("STORYTELLING__SERVICE__LOG_LEVEL", error.Message, StringComparison.Ordinal);
        Assert.Contains("Information", error.Message, StringComparison.Ordinal);
    }

    private static Settings Load(string level) =>
        Settings.Load(new SettingsLoadOptions { Environment = new Dictionary<string, string> { ["STORYTELLING__SERVICE__LOG_LEVEL"] = level } });
}
