using System.CommandLine;
using Microsoft.Extensions.Logging;
using Storytelling.Stage1;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling serve --role ROLE</c>: runs one service until stopped (Ctrl+C or SIGTERM). Roles:
/// <c>stage1-worker</c> cleans work items from the Stage 1 work queue.
/// </summary>
public static partial class ServeCommand
{
    public const string Stage1Worker = "stage1-worker";

    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var role = new Option<string>("--role") { Description = "The service to run.", Required = true };
        role.AcceptOnlyFromAmong(Stage1Worker);
        var serve = new Command("serve", "Run a service of the distributed pipeline until stopped.") { role };
        register(serve, (context, cancellationToken) => context.ParseResult.GetValue(role) switch
        {
            Stage1Worker => RunStage1WorkerAsync(context, cancellationToken),
            var other => throw new CommandInputException($"--role '{other}' is not a role"),
        });
        return serve;
    }

    private static async Task<int> RunStage1WorkerAsync(CliContext context, CancellationToken cancellationToken)
    {
        using var loggers = CliLogging.Create(context.Settings);
        var logger = loggers.CreateLogger("storytelling.serve");
        await using var runtime = await Stage1Runtime.StartAsync(Stage1Composition.Settings(context), loggers, cancellationToken);
        using var worker = runtime.CreateWorker(runtime.WorkerConsumerOptions(Stage1Composition.ConsumerName(context)));
        using var stop = StopSignals.Create(cancellationToken);
        var consumer = worker.Options.ConsumerName;
        var stream = worker.Options.SourceStream;
        ServeStarted(logger, Stage1Worker, consumer, stream);
        await worker.RunAsync(stop.Token);
        return ExitCodes.Ok;
    }

    [LoggerMessage(EventId = 9001, EventName = "serve_started", Level = LogLevel.Information,
        Message = "serve_started role={Role} consumer={Consumer} stream={Stream}")]
    private static partial void ServeStarted(ILogger logger, string role, string consumer, string stream);
}
