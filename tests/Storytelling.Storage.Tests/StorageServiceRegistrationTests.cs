using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Storytelling.Storage.Tests;

public sealed class StorageServiceRegistrationTests
{
    [Fact]
    public void Snake_case_keys_of_the_postgres_section_are_bound()
    {
        using var provider = BuildProvider(new()
        {
            ["postgres:host"] = "db.internal",
            ["postgres:port"] = "6543",
            ["postgres:max_pool_size"] = "9",
            ["postgres:command_timeout_seconds"] = "45",
        });

        var options = provider.GetRequiredService<IOptions<PostgresOptions>>().Value;

        Assert.Equal("db.internal", options.Host);
        Assert.Equal(6543, options.Port);
        Assert.Equal(9, options.MaxPoolSize);
        Assert.Equal(45, options.CommandTimeoutSeconds);
    }

    [Fact]
    public void The_process_gets_one_data_source_built_from_the_options()
    {
        using var provider = BuildProvider(new() { ["postgres:host"] = "db.internal", ["postgres:max_pool_size"] = "9" });

        var first = provider.GetRequiredService<NpgsqlDataSource>();
        var second = provider.GetRequiredService<NpgsqlDataSource>();

        Assert.Same(first, second);
        var built = new NpgsqlConnectionStringBuilder(first.ConnectionString);
        Assert.Equal("db.internal", built.Host);
        Assert.Equal(9, built.MaxPoolSize);
    }

    [Theory]
    [InlineData("postgres:port", "0", "postgres:port must be between 1 and 65535")]
    [InlineData("postgres:max_pool_size", "0", "postgres:max_pool_size must be between 1 and 1000")]
    [InlineData("postgres:host", "", "postgres:host is required")]
    public async Task A_bad_setting_fails_the_start_naming_the_key(string key, string value, string message)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddPostgres(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddPostgres(configuration).BuildServiceProvider();
    }
}
