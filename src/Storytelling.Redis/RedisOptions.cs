using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Storytelling.Redis;

/// <summary>Where the Redis server is and how to talk to it (configuration section <c>redis</c>).</summary>
public sealed class RedisOptions
{
    public const string SectionName = "redis";

    [Required(AllowEmptyStrings = false, ErrorMessage = "redis:host is required (a host name or IP address).")]
    [ConfigurationKeyName("host")]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535, ErrorMessage = "redis:port must be between 1 and 65535.")]
    [ConfigurationKeyName("port")]
    public int Port { get; set; } = 6379;

    /// <summary>ACL user name; empty means the password alone is sent (<c>AUTH password</c>).</summary>
    [ConfigurationKeyName("username")]
    public string? Username { get; set; }

    /// <summary>Password; empty means no <c>AUTH</c> at all.</summary>
    [ConfigurationKeyName("password")]
    public string? Password { get; set; }

    [Range(0, 15, ErrorMessage = "redis:db must be between 0 and 15 (the server's default 'databases 16').")]
    [ConfigurationKeyName("db")]
    public int Db { get; set; }

    [Range(1, 600_000, ErrorMessage = "redis:connect_timeout_ms must be between 1 and 600000.")]
    [ConfigurationKeyName("connect_timeout_ms")]
    public int ConnectTimeoutMs { get; set; } = 5000;

    /// <summary>How long a command may wait for its reply; a blocking read adds its BLOCK time to this.</summary>
    [Range(1, 3_600_000, ErrorMessage = "redis:command_timeout_ms must be between 1 and 3600000.")]
    [ConfigurationKeyName("command_timeout_ms")]
    public int CommandTimeoutMs { get; set; } = 5000;

    /// <summary>Name given with <c>CLIENT SETNAME</c> on every (re)connect; empty means none.</summary>
    [RegularExpression("^[!-~]*$", ErrorMessage = "redis:client_name must be printable ASCII without spaces.")]
    [ConfigurationKeyName("client_name")]
    public string? ClientName { get; set; }

    internal string Endpoint => $"{Host}:{Port}";

    internal TimeSpan ConnectTimeout => TimeSpan.FromMilliseconds(ConnectTimeoutMs);

    internal TimeSpan CommandTimeout => TimeSpan.FromMilliseconds(CommandTimeoutMs);

    /// <summary>The same server and client settings (every one, also those added later) on database <paramref name="db"/>.</summary>
    public RedisOptions WithDb(int db)
    {
        var copy = (RedisOptions)MemberwiseClone();
        copy.Db = db;
        return copy;
    }

    /// <summary>Throws a <see cref="ValidationException"/> naming the first bad key.</summary>
    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
