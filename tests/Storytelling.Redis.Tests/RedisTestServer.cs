using Storytelling.Testing;

namespace Storytelling.Redis.Tests;

/// <summary>The test run's Redis server (scripts/servers.sh) as <see cref="RedisOptions"/>.</summary>
internal static class RedisTestServer
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static RedisOptions Options(int db = 0, string? clientName = null, int commandTimeoutMs = 5000)
    {
        return new RedisOptions
        {
            Host = TestServers.RedisHost,
            Port = TestServers.RedisPort,
            Db = db,
            ClientName = clientName,
            CommandTimeoutMs = commandTimeoutMs,
            ConnectTimeoutMs = 5000,
        };
    }

    public static Task<RedisClient> ConnectAsync(RedisOptions? options = null) =>
        RedisClient.ConnectAsync(options ?? Options());

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <see cref="Patience"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {Patience.TotalSeconds} s: {what}");
            }

            await Task.Delay(10);
        }
    }

    public static KeyValuePair<string, RedisArgument>[] Fields(params (string Name, string Value)[] pairs) =>
        [.. pairs.Select(pair => new KeyValuePair<string, RedisArgument>(pair.Name, pair.Value))];
}
