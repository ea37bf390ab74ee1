using System.Diagnostics;
using System.Text;

namespace Storytelling.Observability.Tests;

/// <summary>
/// Finds Debian's <c>prometheus</c> and <c>promtool</c> on PATH. A missing program fails the test with what to run
/// (the README's test command installs them), never a silent skip.
/// </summary>
internal static class PrometheusPrograms
{
    public static string Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{program}' is not on PATH ({path}), so this test cannot run. Run the tests with the README's test command, " +
            "bash scripts/test.sh (scripts/servers.sh start installs Debian's prometheus package, which has prometheus and " +
            "promtool), or install it yourself: apt-get install prometheus.");
    }

    /// <summary>Runs <paramref name="program"/> to its end (at most <paramref name="timeout"/>); exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Find(program))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
