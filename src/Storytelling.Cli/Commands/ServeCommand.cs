using System.CommandLine;
using Microsoft.Extensions.Logging;
using Storytelling.Stage1;
using Storytelling.Stage1.Api;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling serve --role ROLE</c>: runs one service until stopped (Ctrl+C or SIGTERM). Roles:
/// <c>stage1-api</c> serves the Stage 1 HTTP API (docs/stage1-api.md) on <c>stage1.api_port</c>;
/// <c>stage1-worker</c> cleans work items from the Stage 1 work queue. Start as many workers, on as many machines, as
/// the load needs: they share the work through the consumer group. <c>event-consumer</c> consumes Stage 1's
/// announcements (section <c>event_consumer</c>) and triggers NLP work; <c>nlp-worker</c> analyses documents from the
/// Stage 2 work queue (as many as the load needs, like the cleaning workers); <c>storyline-builder</c> (exactly one)
/// links events and builds storylines from Stage 2's announcements; <c>nlp-api</c> serves the Stage 2 NLP API
/// (docs/stage2-api.md) on <c>stage2.api_port</c>; <c>registry-api</c> serves the metadata registry's read API
/// (docs/registry.md) on <c>metadata_registry.api_port</c>. docs/stage2.md. The roles without an API serve <c>/health*</c> and
/// <c>/metrics</c> on <c>--health-urls</c> or their port setting (<see cref="RoleStatus"/>, docs/health.md).
/// </summary>
public static partial class ServeCommand
{
    public const string Stage1Api = "stage1-api";
    public const string Stage1Worker = "stage1-worker";
    public const string EventConsumer = "event-consumer";
    public const string NlpWorker = "nlp-worker";
    public const string StorylineBuilder = "storyline-builder";
    public const string NlpApi = "nlp-api";
    public const string RegistryApi = "registry-api";

    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var role = new Option<string>("--role") { Description = "The service to run.", Required = true };
        role.AcceptOnlyFromAmong(Stage1Api, Stage1Worker, EventConsumer, NlpWorker, StorylineBuilder, NlpApi, RegistryApi);
        var listen = new Option<string?>("--urls") { Description = "Where the API listens (default http://0.0.0.0:<stage1.api_port>, or <stage2.api_port> for nlp-api, <metadata_registry.api_port> for registry-api)." };
        var health = new Option<string?>("--health-urls")
        {
            Description = "Where a role without an API serves /health, /health/ready, /health/live and /metrics (default http://0.0.0.0:<its port " +
                "setting>: stage1.worker_health_port, event_consumer.health_port, stage2.worker_health_port, stage2.storyline_builder_health_port).",
        };
        var serve = new Command("serve", "Run a service of the distributed pipeline until stopped (Ctrl+C or SIGTERM).") { role, listen, health };
        register(serve, (context, cancellationToken) =>
        {
            var healthUrls = context.ParseResult.GetValue(health);
            ServiceInfo.Publish(context.Settings, context.ParseResult.GetValue(role) ?? "");
            return context.ParseResult.GetValue(role) switch
            {
                Stage1Api or NlpApi or RegistryApi when healthUrls is not null =>
                    throw new CommandInputException("--health-urls is for roles without an API; stage1-api, nlp-api and registry-api serve /health and /metrics on --urls"),
                Stage1Api => RunStage1ApiAsync(context, context.ParseResult.GetValue(listen), cancellationToken),
                Stage1Worker => RunStage1WorkerAsync(context, healthUrls, cancellationToken),
                EventConsumer => RunStage2Async(context, EventConsumer, healthUrls, runtime => Task.FromResult(runtime.CreateEventConsumer()), cancellationToken),
                NlpWorker => RunStage2Async(context, NlpWorker, healthUrls, runtime => Task.FromResult(runtime.CreateWorker(runtime.WorkerConsumerOptions(Stage1Composition.ConsumerName(context)))), cancellationToken),
                StorylineBuilder => RunStage2Async(context, StorylineBuilder, healthUrls, runtime => runtime.CreateStorylineBuilderAsync(Stage1Composition.ConsumerName(context), cancellationToken), cancellationToken),
                NlpApi => RunNlpApiAsync(context, context.ParseResult.GetValue(listen), cancellationToken),
                RegistryApi => RunRegistryApiAsync(context, context.ParseResult.GetValue(listen), cancellationToken),
                var other => throw new CommandInputException($"--role '{other}' is not a role"),
            };
        });
        return serve;
    }

    private static async Task<int> RunStage1ApiAsync(CliContext context, string? urls, CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(context.Settings);
        await using var runtime = await Stage1Runtime.StartAsync(Stage1Composition.Settings(context), loggers, cancellationToken);
        var options = context.Settings.Bind<Stage1ApiOptions>(Stage1ApiOptions.SectionName);
        options.Urls = urls ?? $"http://0.0.0.0:{runtime.Settings.Stage1.ApiPort}";
        options.ApiKey = context.Settings["service.api_key"];
        await using var api = Storytelling.Stage1.Api.Stage1Api.Build(runtime, options, logging => CliLogging.Configure(logging, context.Settings));
        return await ServeApiAsync(context, api, loggers, Stage1Api, options.Urls, cancellationToken);
    }

    /// <summary>The NLP API; it also composes Stage 1's runtime, whose submitter <c>POST /v1/batches</c> uses.</summary>
    private static async Task<int> RunNlpApiAsync(CliContext context, string? urls, CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(context.Settings);
        await using var stage1 = await Stage1Runtime.StartAsync(Stage1Composition.Settings(context), loggers, cancellationToken);
        await using var runtime = await Stage2.Stage2Runtime.StartAsync(Stage2Composition.Settings(context), loggers, cancellationToken);
        var options = context.Settings.Bind<Stage2.Api.Stage2ApiOptions>(Stage2.Api.Stage2ApiOptions.SectionName);
        options.Urls = urls ?? $"http://0.0.0.0:{runtime.Settings.Stage2.ApiPort}";
        options.ApiKey = context.Settings["service.api_key"];
        await using var api = Stage2.Api.Stage2Api.Build(runtime, stage1.Submitter, options, logging => CliLogging.Configure(logging, context.Settings));
        return await ServeApiAsync(context, api, loggers, NlpApi, options.Urls, cancellationToken);
    }

    /// <summary>The metadata registry's read API over a reader of section <c>metadata_registry</c>.</summary>
    private static async Task<int> RunRegistryApiAsync(CliContext context, string? urls, CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(context.Settings);
        var (registry, redis) = RegistryCommand.Settings(context);
        await using var reader = Metadata.MetadataReader.Open(registry, redis, loggers);
        var options = new Metadata.Api.RegistryApiOptions { Urls = urls ?? $"http://0.0.0.0:{registry.ApiPort}", ApiKey = context.Settings["service.api_key"] };
        await using var api = Metadata.Api.RegistryApi.Build(reader, options, logging => CliLogging.Configure(logging, context.Settings));
        return await ServeApiAsync(context, api, loggers, RegistryApi, options.Urls, cancellationToken);
    }

    /// <summary>Starts <paramref name="api"/>, serves until stopped (Ctrl+C, SIGTERM), then lets Kestrel drain its requests.</summary>
    private static async Task<int> ServeApiAsync(
        CliContext context, Microsoft.AspNetCore.Builder.WebApplication api, ILoggerFactory loggers, string role, string urls, CancellationToken cancellationToken)
    {
        using var stop = StopSignals.Create(cancellationToken);
        await api.StartAsync(stop.Token);
        var logger = loggers.CreateLogger("storytelling.serve");
        Started(context, logger, role, "api", urls);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
        {
            // Stopping: Kestrel drains its requests below.
        }

        await api.StopAsync(CancellationToken.None);
        return ExitCodes.Ok;
    }

    private static async Task<int> RunStage1WorkerAsync(CliContext context, string? healthUrls, CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(context.Settings);
        var logger = loggers.CreateLogger("storytelling.serve");
        await using var runtime = await Stage1Runtime.StartAsync(Stage1Composition.Settings(context), loggers, cancellationToken);
        await using var status = await RoleStatus.StartAsync(context, Stage1Worker, healthUrls, runtime.HealthChecks(), cancellationToken);
        using var worker = runtime.CreateWorker(runtime.WorkerConsumerOptions(Stage1Composition.ConsumerName(context)));
        await status.AttachAsync(worker, cancellationToken);
        using var stop = StopSignals.Create(cancellationToken);
        var consumer = worker.Options.ConsumerName;
        var stream = worker.Options.SourceStream;
        Started(context, logger, Stage1Worker, consumer, stream);
        await worker.RunAsync(stop.Token);
        return ExitCodes.Ok;
    }

    private static async Task<int> RunStage2Async(
        CliContext context, string role, string? healthUrls, Func<Stage2.Stage2Runtime, Task<Messaging.Redis.RedisStreamConsumer>> create,
        CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(context.Settings);
        var logger = loggers.CreateLogger("storytelling.serve");
        await using var runtime = await Stage2.Stage2Runtime.StartAsync(Stage2Composition.Settings(context), loggers, cancellationToken);
        var checks = role == NlpWorker ? [.. runtime.HealthChecks(), RoleStatus.ModelsCheck(runtime.Settings.Pipeline)] : runtime.HealthChecks();
        await using var status = await RoleStatus.StartAsync(context, role, healthUrls, checks, cancellationToken);
        var consumer = await create(runtime);
        await status.AttachAsync(consumer, cancellationToken);
        using var stop = StopSignals.Create(cancellationToken);
        Started(context, logger, role, consumer.Options.ConsumerName, consumer.Options.SourceStream);
        await consumer.RunAsync(stop.Token);
        return ExitCodes.Ok;
    }

    private static void Started(CliContext context, ILogger logger, string role, string consumer, string stream)
    {
        var (service, environment) = (ServiceInfo.Name(context.Settings), ServiceInfo.EnvironmentName(context.Settings));
        ServeStarted(logger, role, consumer, stream, service, environment, ServiceInfo.Version);
    }

    [LoggerMessage(EventId = 9001, EventName = "serve_started", Level = LogLevel.Information,
        Message = "serve_started role={Role} consumer={Consumer} stream={Stream} service={Service} environment={Environment} version={Version}")]
    private static partial void ServeStarted(ILogger logger, string role, string consumer, string stream, string service, string environment, string version);
}
