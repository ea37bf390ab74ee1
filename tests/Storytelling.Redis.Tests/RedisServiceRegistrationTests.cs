using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Storytelling.Redis.Tests;

public sealed class RedisServiceRegistrationTests
{
    [Fact]
    public void The_redis_section_binds_from_snake_case_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["redis:host"] = "cache.internal",
            ["redis:port"] = "6380",
            ["redis:username"] = "stage2",
            ["redis:password"] = "secret",
            ["redis:db"] = "3",
            ["redis:connect_timeout_ms"] = "1500",
            ["redis:command_timeout_ms"] = "2500",
            ["redis:client_name"] = "storytelling-worker-1",
        }).Build();

        var options = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>()!;

        Assert.Equal(("cache.internal", 6380, "stage2", "secret", 3), (options.Host, options.Port, options.Username, options.Password, options.Db));
        Assert.Equal((1500, 2500, "storytelling-worker-1"), (options.ConnectTimeoutMs, options.CommandTimeoutMs, options.ClientName));
        options.Validate();
    }

    [Theory]
    [InlineData("port", "redis:port")]
    [InlineData("db", "redis:db")]
    [InlineData("client_name", "redis:client_name")]
    [InlineData("command_timeout_ms", "redis:command_timeout_ms")]
    public void A_bad_setting_fails_registration_naming_the_key(string key, string named)
    {
        var options = new RedisOptions();
        switch (key)
        {
            case "port": options.Port = 0; break;
            case "db": options.Db = 99; break;
            case "client_name": options.ClientName = "has space"; break;
            default: options.CommandTimeoutMs = 0; break;
        }

        var error = Assert.Throws<ValidationException>(() => new ServiceCollection().AddRedis(options));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRedis_registers_one_shared_client_that_connects_on_its_own()
    {
        await using var provider = new ServiceCollection().AddLogging().AddRedis(RedisTestServer.Options()).BuildServiceProvider();

        var client = provider.GetRequiredService<RedisClient>();
        Assert.Same(client, provider.GetRequiredService<RedisClient>());
        Assert.True(await client.PingAsync() > TimeSpan.Zero);
    }
}
