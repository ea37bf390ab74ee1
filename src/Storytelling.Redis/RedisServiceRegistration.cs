using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Storytelling.Redis;

public static class RedisServiceRegistration
{
    /// <summary>
    /// Registers the process's one <see cref="RedisClient"/> (it starts connecting when first resolved and
    /// reconnects on its own) and the options it uses. Bad options throw here, naming the key.
    /// </summary>
    public static IServiceCollection AddRedis(this IServiceCollection services, RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider => new RedisClient(options, provider.GetService<ILoggerFactory>()));
        return services;
    }
}
