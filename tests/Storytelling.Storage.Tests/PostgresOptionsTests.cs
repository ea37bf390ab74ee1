using Npgsql;

namespace Storytelling.Storage.Tests;

public sealed class PostgresOptionsTests
{
    [Fact]
    public void Connection_string_carries_every_setting()
    {
        var options = new PostgresOptions
        {
            Host = "db.internal",
            Port = 6543,
            Database = "stories",
            Username = "stage2",
            Password = "s3cret;with=odd chars",
            MaxPoolSize = 7,
            CommandTimeoutSeconds = 12,
        };

        var built = new NpgsqlConnectionStringBuilder(options.BuildConnectionString());

        Assert.Equal("db.internal", built.Host);
        Assert.Equal(6543, built.Port);
        Assert.Equal("stories", built.Database);
        Assert.Equal("stage2", built.Username);
        Assert.Equal("s3cret;with=odd chars", built.Password);
        Assert.Equal(7, built.MaxPoolSize);
        Assert.Equal(12, built.CommandTimeout);
    }

    [Fact]
    public void Connection_string_without_a_password_has_none()
    {
        var built = new NpgsqlConnectionStringBuilder(new PostgresOptions().BuildConnectionString());

        Assert.Null(built.Password);
    }
}
