using System.Globalization;
using System.Text.Json.Nodes;
using Storytelling.Hosting;
using Storytelling.Messaging;
using Storytelling.Messaging.Redis;
using Storytelling.Nlp.Pipeline;
using Storytelling.Stage1;
using Storytelling.Stage2;

namespace Storytelling.Cli;

/// <summary>
/// The status server of a role without an API (<c>serve --role stage1-worker|event-consumer|nlp-worker|storyline-builder</c>,
/// docs/health.md): <c>/health</c>, <c>/health/ready</c>, <c>/health/live</c> and <c>/metrics</c> on <c>--health-urls</c>
/// or <c>http://0.0.0.0:&lt;the role's port setting&gt;</c> (0 = none). Readiness is the runtime's dependency checks,
/// the role's own and <c>consumer</c>, which turns healthy once <see cref="AttachAsync"/> hands it the running consumer.
/// </summary>
public sealed class RoleStatus : IAsyncDisposable
{
    private readonly ConsumerReadiness _consumer;
    private readonly ServiceStatusServer? _server;

    private RoleStatus(ConsumerReadiness consumer, ServiceStatusServer? server)
    {
        _consumer = consumer;
        _server = server;
    }

    /// <summary>Where it listens; empty when the role's port setting is 0 and no <c>--health-urls</c> was given.</summary>
    public IReadOnlyList<string> Urls => _server?.Urls ?? [];

    /// <summary>
    /// Starts serving before the role's consumer is built (models load, the storyline engine is rebuilt), so
    /// <c>/health/live</c> answers meanwhile and <c>/health/ready</c> says what is missing. A port in use fails the
    /// start naming it and the setting to change.
    /// </summary>
    public static async Task<RoleStatus> StartAsync(
        CliContext context, string role, string? healthUrls, IEnumerable<HealthCheck> checks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (key, port) = PortSetting(context, role);
        var urls = healthUrls ?? (port == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"http://0.0.0.0:{port}"));
        var consumer = new ConsumerReadiness();
        if (urls is null)
        {
            return new RoleStatus(consumer, null);
        }

        try
        {
            var server = await ServiceStatusServer.StartAsync(urls, [.. checks, consumer.Check], logging => CliLogging.Configure(logging, context.Settings), cancellationToken);
            return new RoleStatus(consumer, server);
        }
        catch (IOException e)
        {
            await consumer.DisposeAsync();
            throw new CommandInputException(
                $"serve --role {role}: the status server cannot listen on {urls} ({e.Message}); give this process a free port with " +
                $"--health-urls, or set {key} (0 = no status server)", e);
        }
    }

    /// <summary>The NLP worker's <c>models</c> check: healthy once the pipeline of <c>nlp.pipeline</c> is loaded, its components as details.</summary>
    public static HealthCheck ModelsCheck(Lazy<NlpPipeline> pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new HealthCheck("models", _ => Task.FromResult(pipeline.IsValueCreated
            ? HealthCheckResult.Healthy(new JsonObject { ["components"] = new JsonArray([.. pipeline.Value.ComponentNames.Select(n => JsonValue.Create(n))]) })
            : HealthCheckResult.Unhealthy("the NLP models (nlp.pipeline) are still loading")));
    }

    /// <summary>From now on <c>consumer</c> reports <paramref name="consumer"/>: its running state and its group's pending, lag and dead letters.</summary>
    public Task AttachAsync(RedisStreamConsumer consumer, CancellationToken cancellationToken) => _consumer.AttachAsync(consumer, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _consumer.DisposeAsync();
    }

    private static (string Key, int Port) PortSetting(CliContext context, string role) => role switch
    {
        Commands.ServeCommand.Stage1Worker => ("stage1.worker_health_port", context.Settings.Bind<Stage1Options>(Stage1Options.SectionName).WorkerHealthPort),
        Commands.ServeCommand.EventConsumer => ("event_consumer.health_port", context.Settings.Bind<ConsumerOptions>(ConsumerOptions.SectionName).HealthPort),
        Commands.ServeCommand.NlpWorker => ("stage2.worker_health_port", context.Settings.Bind<Stage2Options>(Stage2Options.SectionName).WorkerHealthPort),
        Commands.ServeCommand.StorylineBuilder => ("stage2.storyline_builder_health_port", context.Settings.Bind<Stage2Options>(Stage2Options.SectionName).StorylineBuilderHealthPort),
        _ => throw new CommandInputException($"--role {role} serves its health on its API port (--urls), not on a status server"),
    };
}
