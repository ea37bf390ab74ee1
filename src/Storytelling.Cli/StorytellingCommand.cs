using System.CommandLine;
using Storytelling.Cli.Commands;
using Storytelling.Configuration;

namespace Storytelling.Cli;

/// <summary>The root of the <c>storytelling</c> command line: builds the command tree and maps failures to exit codes.</summary>
public static class StorytellingCommand
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        var configOption = new Option<string?>("--config")
        {
            Description = "A settings file laid over the built-in defaults (also STORYTELLING_CONFIG).",
            Recursive = true,
        };
        var root = new RootCommand("Storytelling pipeline: news articles in; cleaned documents, annotations, events and storylines out.");
        root.Options.Add(configOption);

        int result = ExitCodes.Ok;
        void Register(Command command, Func<CliContext, CancellationToken, Task<int>> action) =>
            command.SetAction(async (parseResult, cancellationToken) =>
                result = await RunAsync(new CliContext(parseResult, output, error, configOption), action, cancellationToken));

        root.Subcommands.Add(RunCommand.Create(Register));
        root.Subcommands.Add(ConfigCommand.Create(Register));
        root.Subcommands.Add(InputCommand.Create(Register));
        root.Subcommands.Add(EventsCommand.Create(Register));
        root.Subcommands.Add(BenchCommand.Create(Register));
        root.Subcommands.Add(NlpCommand.Create(Register));
        root.Subcommands.Add(StoriesCommand.Create(Register));
        root.Subcommands.Add(BatchCommand.Create(Register));
        root.Subcommands.Add(ServeCommand.Create(Register));
        root.Subcommands.Add(BackendsCommand.Create(Register));
        root.Subcommands.Add(RegistryCommand.Create(Register));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync("Run 'storytelling --help' (or add --help to the command) for usage.");
            return ExitCodes.BadInput;
        }

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var invoked = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellation.Token);
            return invoked != ExitCodes.Ok ? invoked : result;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<int> RunAsync(CliContext context, Func<CliContext, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action(context, cancellationToken);
        }
        catch (SettingsException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (CommandInputException e)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Storytelling.Redis.RedisException e)
        {
            await context.Error.WriteLineAsync($"error: Redis: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Npgsql.NpgsqlException e)
        {
            await context.Error.WriteLineAsync($"error: PostgreSQL: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
    }
}
