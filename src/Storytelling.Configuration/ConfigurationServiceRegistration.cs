using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Storytelling.Configuration;

/// <summary>Registers the loaded settings and binds options sections from them, failing the start on a bad value.</summary>
public static class ConfigurationServiceRegistration
{
    /// <summary>Makes <paramref name="settings"/> available to every component (for <c>config show</c> and health pages).</summary>
    public static IServiceCollection AddStorytellingSettings(this IServiceCollection services, Settings settings)
    {
        services.AddSingleton(settings);
        return services;
    }

    /// <summary>
    /// Binds and validates <typeparamref name="T"/> now, so the process refuses to start with a message naming the key,
    /// the bad value and what is allowed, and registers it as <see cref="IOptions{T}"/> and as itself.
    /// </summary>
    public static IServiceCollection AddSettingsSection<T>(this IServiceCollection services, Settings settings, string section)
        where T : class, new()
    {
        var options = settings.Bind<T>(section);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(options);
        return services;
    }
}
