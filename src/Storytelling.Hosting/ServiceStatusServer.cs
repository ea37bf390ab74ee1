using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Storytelling.Hosting;

/// <summary>
/// The HTTP face of a service without an API (a worker, a consumer): Kestrel on the given URLs serving
/// <c>/health</c>, <c>/health/ready</c> (the report of its checks, 200 or 503), <c>/health/live</c> and
/// <c>/metrics</c> (meters <see cref="ServiceHost.MeterPrefix"/>), without authentication. Start it next to the
/// service's work and dispose it when the work stops.
/// </summary>
public sealed class ServiceStatusServer : IAsyncDisposable
{
    public const string EndpointList = "/health, /health/live, /health/ready and /metrics";

    private readonly WebApplication _app;

    private ServiceStatusServer(WebApplication app) => _app = app;

    /// <summary>Where it listens, with the ports Kestrel picked for port 0.</summary>
    public IReadOnlyList<string> Urls => [.. _app.Urls];

    /// <summary>
    /// Listens on <paramref name="urls"/> (<c>;</c>-separated). A URL that cannot be bound (the port is taken) throws
    /// <see cref="IOException"/> naming it.
    /// </summary>
    /// <param name="logging">Adds log providers and filters; without it the server logs nothing. ASP.NET Core's own
    /// categories log warnings and errors only.</param>
    public static async Task<ServiceStatusServer> StartAsync(
        string urls, IEnumerable<HealthCheck> checks, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(urls);
        ArgumentNullException.ThrowIfNull(checks);
        var listed = checks.ToList();
        var builder = ServiceHost.CreateBuilder(new ServiceHostOptions
        {
            ApplicationName = typeof(ServiceStatusServer).Assembly.GetName().Name!,
            Urls = urls,
            MaxRequestBodyBytes = 0,
            EndpointList = EndpointList,
        }, log =>
        {
            logging?.Invoke(log);
            // Probes come every few seconds: ASP.NET Core's per-request lines would drown the service's own log.
            log.AddFilter("Microsoft", LogLevel.Warning);
        });
        var app = builder.Build();
        try
        {
            app.UseErrorAnswers();
            app.MapOperationalEndpoints(listed, timeout);
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var server = new ServiceStatusServer(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServiceStatusServer).FullName!);
        var listening = string.Join(';', server.Urls);
        var names = string.Join(',', listed.Select(c => c.Name));
        HostingLog.StatusServerStarted(logger, listening, names);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
