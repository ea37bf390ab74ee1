using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storytelling.Messaging.Internal;
using Storytelling.Messaging.Redis;
using Storytelling.Redis;

namespace Storytelling.Messaging;

/// <summary>Registers and serves the consumer's health.</summary>
public static class MessagingServiceRegistration
{
    /// <summary>How long <c>/health</c> waits for Redis before answering "unhealthy".</summary>
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Registers a <see cref="ConsumerHealthMonitor"/> for the group of <paramref name="options"/> (probing every
    /// <paramref name="interval"/>, default 15 s, so the gauges on <c>/metrics</c> stay current), using the
    /// process's <see cref="RedisClient"/>. When a <see cref="RedisStreamConsumer"/> for the same stream and group
    /// is registered, <c>running</c> is that consumer's own state (and each probe records a heartbeat valid for three
    /// intervals, which <c>storytelling events health</c> reads); otherwise it is inferred from Redis.
    /// </summary>
    public static IServiceCollection AddConsumerHealth(this IServiceCollection services, ConsumerOptions options, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(provider =>
        {
            var consumer = provider.GetServices<RedisStreamConsumer>().FirstOrDefault(c =>
                c.Options.SourceStream == options.SourceStream && c.Options.ConsumerGroup == options.ConsumerGroup);
            Func<bool>? isRunning = consumer is null ? null : () => consumer.IsRunning;
            var every = interval ?? ConsumerHealthMonitor.DefaultInterval;
            var probe = new ConsumerHealthProbe(provider.GetRequiredService<RedisClient>(), options, isRunning, provider.GetService<TimeProvider>(), every * 3);
            return new ConsumerHealthMonitor(probe, every);
        });
        services.AddHostedService(provider => provider.GetRequiredService<ConsumerHealthMonitor>());
        return services;
    }

    /// <summary>
    /// Serves <c>{prefix}</c> (the health report as JSON: 200 when healthy, 503 when not), <c>{prefix}/live</c>
    /// (200 while the process answers) and <c>{prefix}/ready</c> (the report's status code), without authentication.
    /// Needs <see cref="AddConsumerHealth"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapConsumerHealth(this IEndpointRouteBuilder endpoints, string prefix = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var trimmed = prefix.TrimEnd('/');
        endpoints.MapGet(trimmed.Length == 0 ? "/" : trimmed, HealthAsync);
        endpoints.MapGet(trimmed + "/live", () => Results.Json(new Dictionary<string, string> { ["status"] = "alive" }));
        endpoints.MapGet(trimmed + "/ready", HealthAsync);
        return endpoints;
    }

    private static async Task<IResult> HealthAsync(ConsumerHealthMonitor monitor, HttpContext context)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(HealthTimeout);
        ConsumerHealth health;
        try
        {
            health = await monitor.CheckNowAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            health = (monitor.Last ?? throw new TimeoutException($"Redis did not answer the health probe within {HealthTimeout.TotalSeconds} s."))
                with
            { Healthy = false, Error = $"Redis did not answer within {HealthTimeout.TotalSeconds} s" };
        }

        return Results.Json(health, MessagingJson.Default.ConsumerHealth,
            statusCode: health.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
