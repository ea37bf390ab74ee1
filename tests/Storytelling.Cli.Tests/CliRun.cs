namespace Storytelling.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await StorytellingCommand.InvokeAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
