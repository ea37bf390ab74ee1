using System.Globalization;

namespace Storytelling.Messaging.ConsumerHost;

/// <summary>The host's command line: <c>--name value</c> pairs, every one but the optional ones required.</summary>
internal sealed record HostArguments(
    string RedisHost,
    int RedisPort,
    string Stream,
    string Group,
    string Consumer,
    string DeadLetterStream,
    string KeyPrefix,
    double ReclaimIdleSeconds,
    int BatchSize,
    int Concurrency,
    int MaxRetries,
    int MaxWorkMs,
    double DeduplicationTtlHours,
    int? ParentProcessId,
    string? CrashOn)
{
    public const string Usage =
        "usage: ConsumerHost --redis HOST:PORT --stream S --group G --consumer C --dead-letter D --prefix P " +
        "[--reclaim-idle-seconds 1] [--batch-size 20] [--concurrency 4] [--max-retries 10] [--max-work-ms 3] [--dedup-ttl-hours 1] [--parent-pid PID] [--crash-on EVENT_ID_PREFIX]";

    public static HostArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new FormatException($"argument {i + 1} ('{args[i]}'): expected '--name value'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Required(string name) => values.Remove(name, out var value)
            ? value
            : throw new FormatException($"--{name} is required");
        T Optional<T>(string name, T fallback) where T : IParsable<T> => values.Remove(name, out var value)
            ? T.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new FormatException($"--{name}: '{value}' is not a {typeof(T).Name}")
            : fallback;

        var endpoint = Required("redis");
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture, out var port))
        {
            throw new FormatException($"--redis: '{endpoint}' is not HOST:PORT");
        }

        var parsed = new HostArguments(
            endpoint[..colon], port, Required("stream"), Required("group"), Required("consumer"), Required("dead-letter"), Required("prefix"),
            Optional("reclaim-idle-seconds", 1.0), Optional("batch-size", 20), Optional("concurrency", 4), Optional("max-retries", 10),
            Optional("max-work-ms", 3), Optional("dedup-ttl-hours", 1.0), values.ContainsKey("parent-pid") ? Optional("parent-pid", 0) : null,
            values.Remove("crash-on", out var crashOn) ? crashOn : null);
        if (values.Count > 0)
        {
            throw new FormatException($"unknown option --{values.Keys.First()}");
        }

        return parsed;
    }
}
