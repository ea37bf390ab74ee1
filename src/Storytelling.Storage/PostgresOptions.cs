using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Storytelling.Storage;

/// <summary>Where the PostgreSQL server is and how to talk to it (configuration section <c>postgres</c>).</summary>
public sealed class PostgresOptions
{
    public const string SectionName = "postgres";

    [Required(AllowEmptyStrings = false, ErrorMessage = "postgres:host is required (a host name or IP address).")]
    [ConfigurationKeyName("host")]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535, ErrorMessage = "postgres:port must be between 1 and 65535.")]
    [ConfigurationKeyName("port")]
    public int Port { get; set; } = 5432;

    [Required(AllowEmptyStrings = false, ErrorMessage = "postgres:database is required.")]
    [ConfigurationKeyName("database")]
    public string Database { get; set; } = "storytelling";

    [Required(AllowEmptyStrings = false, ErrorMessage = "postgres:username is required.")]
    [ConfigurationKeyName("username")]
    public string Username { get; set; } = "storytelling";

    [ConfigurationKeyName("password")]
    public string? Password { get; set; }

    [Range(1, 1000, ErrorMessage = "postgres:max_pool_size must be between 1 and 1000.")]
    [ConfigurationKeyName("max_pool_size")]
    public int MaxPoolSize { get; set; } = 50;

    [Range(1, 3600, ErrorMessage = "postgres:command_timeout_seconds must be between 1 and 3600.")]
    [ConfigurationKeyName("command_timeout_seconds")]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>The same server, role and pool settings (every one, also those added later) on <paramref name="database"/>.</summary>
    public PostgresOptions WithDatabase(string database)
    {
        var copy = (PostgresOptions)MemberwiseClone();
        copy.Database = database;
        return copy;
    }

    public string BuildConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = Database,
            Username = Username,
            MaxPoolSize = MaxPoolSize,
            CommandTimeout = CommandTimeoutSeconds,
            ApplicationName = "storytelling",
        };
        if (!string.IsNullOrEmpty(Password))
        {
            builder.Password = Password;
        }

        return builder.ConnectionString;
    }
}
