namespace Storytelling.Testing;

/// <summary>
/// The Redis and PostgreSQL servers of this test run, started by <c>scripts/servers.sh</c> and found through
/// environment variables. A missing variable is an error, never a silent skip.
/// </summary>
public static class TestServers
{
    public const string RedisVariable = "STORYTELLING_TEST_REDIS";
    public const string PostgresVariable = "STORYTELLING_TEST_POSTGRES";

    /// <summary>Redis endpoint as <c>host:port</c>.</summary>
    public static string Redis => Read(RedisVariable, "127.0.0.1:6391");

    /// <summary>The host part of <see cref="Redis"/>.</summary>
    public static string RedisHost => Redis[..Redis.LastIndexOf(':')];

    /// <summary>The port part of <see cref="Redis"/>.</summary>
    public static int RedisPort => int.Parse(Redis[(Redis.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Npgsql connection string of a superuser on the <c>postgres</c> database.</summary>
    public static string Postgres =>
        Read(PostgresVariable, "Host=127.0.0.1;Port=5441;Username=storytelling;Password=...;Database=postgres");

    private static string Read(string variable, string example)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"{variable} is not set, so this test has no server to run against (expected e.g. '{example}'). " +
                "Run the tests with scripts/test.sh, which starts real Redis and PostgreSQL servers, or start them " +
                "yourself and load their settings into your shell: source <(scripts/servers.sh start), " +
                "later source <(scripts/servers.sh env).");
        }

        return value;
    }
}
