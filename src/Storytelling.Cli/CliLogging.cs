using Microsoft.Extensions.Logging;
using Storytelling.Configuration;

namespace Storytelling.Cli;

/// <summary>Logs of long-running commands (serve, batch): <c>service.log_format</c> json or text and <c>service.log_level</c>, on standard error.</summary>
public static class CliLogging
{
    public static ILoggerFactory Create(Settings settings) => LoggerFactory.Create(logging => Configure(logging, settings));

    public static void Configure(ILoggingBuilder logging, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(settings);
        logging.ClearProviders();
        logging.SetMinimumLevel(LevelOf(settings));
        if (string.Equals(settings["service.log_format"], "text", StringComparison.OrdinalIgnoreCase))
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            });
        }
        else
        {
            // Scopes carry the handled event (trace_id, event_id, entry_id, ...) into every line its handler writes.
            logging.AddJsonConsole(console =>
            {
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.IncludeScopes = true;
            });
        }

        logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary><c>service.log_level</c>, one of the level names; anything else (a number, a typo) is a settings error naming its source.</summary>
    public static LogLevel LevelOf(Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var setting = settings.Find("service.log_level");
        if (setting is null)
        {
            return LogLevel.Information;
        }

        return Enum.GetNames<LogLevel>().FirstOrDefault(name => string.Equals(name, setting.Value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } known
            ? Enum.Parse<LogLevel>(known)
            : throw new SettingsException([new SettingError(setting.Key, setting.Value, setting.Source,
                "not a log level; use Trace, Debug, Information, Warning, Error, Critical or None")]);
    }
}
