using System.Diagnostics.Metrics;
using System.Reflection;
using Storytelling.Configuration;

namespace Storytelling.Cli;

/// <summary>
/// What a serving process is, for dashboards and alerts to group by: the gauge <c>storytelling_service_info</c> = 1
/// labelled with <c>service.name</c>, <c>service.environment</c>, the role and the build version (the Prometheus "info
/// metric" pattern: join it on the scrape target to label any other series).
/// </summary>
internal static class ServiceInfo
{
    private static readonly Meter Meter = new("Storytelling.Service");
    private static readonly Lock Gate = new();
    private static KeyValuePair<string, object?>[]? _labels;

    /// <summary>The build's informational version (the assembly's, without a source revision suffix).</summary>
    public static string Version { get; } =
        typeof(ServiceInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>Publishes the gauge for <paramref name="role"/> (once per process; a later call relabels it).</summary>
    public static void Publish(Settings settings, string role)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var labels = new KeyValuePair<string, object?>[]
        {
            new("service", Name(settings)),
            new("environment", EnvironmentName(settings)),
            new("role", role),
            new("version", Version),
        };
        lock (Gate)
        {
            if (_labels is null)
            {
                Meter.CreateObservableGauge("storytelling.service.info", () => new Measurement<int>(1, _labels!),
                    description: "1 for a running storytelling process, labelled with service.name, service.environment, its role and version");
            }

            _labels = labels;
        }
    }

    public static string Name(Settings settings) => settings["service.name"] is { Length: > 0 } name ? name : "storytelling";

    public static string EnvironmentName(Settings settings) => settings["service.environment"] is { Length: > 0 } environment ? environment : "unknown";
}
