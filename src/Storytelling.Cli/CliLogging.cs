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
        var level = Enum.TryParse<LogLevel>(settings["service.log_level"], ignoreCase: true, out var parsed) ? parsed : LogLevel.Information;
        logging.SetMinimumLevel(level);
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
}
