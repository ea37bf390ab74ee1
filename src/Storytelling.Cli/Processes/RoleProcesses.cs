using System.Diagnostics;
using Storytelling.Cli.Commands;

namespace Storytelling.Cli.Processes;

/// <summary>
/// <c>storytelling serve --role ROLE</c> child processes of this very CLI build, as a deployment runs them: each gets
/// the settings given here as <c>STORYTELLING__SECTION__KEY</c> environment variables (over the parent's environment),
/// and each line it writes to standard error goes to <paramref name="errorLines"/> prefixed with its role and pid.
/// <c>bench e2e</c> runs the distributed pipeline with it, and the tests that kill services mid-job use it. The roles
/// without an API serve their health and metrics on a free loopback port (<c>--health-urls http://127.0.0.1:0</c>,
/// named by the log event <c>status_server_started</c>) unless <c>arguments</c> say where, so any number share a machine.
/// Disposing kills whatever is still running.
/// </summary>
public sealed class RoleProcesses(IReadOnlyDictionary<string, string> settings, Action<string> errorLines) : IAsyncDisposable
{
    /// <summary>The log event a service writes once it is composed and about to run (at level Information).</summary>
    public const string ReadyMarker = "serve_started";

    private const string HealthUrlsOption = "--health-urls";

    private readonly List<RoleProcess> _started = [];
    private readonly Lock _gate = new();

    /// <summary>Every process started, running or not, in start order.</summary>
    public IReadOnlyList<RoleProcess> Started
    {
        get
        {
            lock (_gate)
            {
                return [.. _started];
            }
        }
    }

    /// <summary>
    /// Starts <c>serve --role <paramref name="role"/> [<paramref name="arguments"/>]</c> with the common settings and
    /// <paramref name="overrides"/> (keys <c>section.key</c>).
    /// </summary>
    public RoleProcess Start(string role, IReadOnlyDictionary<string, string>? overrides = null, IReadOnlyList<string>? arguments = null)
    {
        var start = CliStartInfo();
        arguments ??= [];
        if (role is not (ServeCommand.Stage1Api or ServeCommand.NlpApi or ServeCommand.RegistryApi) && !arguments.Contains(HealthUrlsOption))
        {
            arguments = [.. arguments, HealthUrlsOption, "http://127.0.0.1:0"];
        }

        foreach (var argument in new[] { "serve", "--role", role }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings.Concat(overrides ?? new Dictionary<string, string>()))
        {
            start.Environment[EnvironmentName(key)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName} serve --role {role}");
        var started = new RoleProcess(role, process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                if (e.Data.Contains(ReadyMarker, StringComparison.Ordinal))
                {
                    started.MarkReady();
                }

                errorLines($"[{role} {started.Id}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_gate)
        {
            _started.Add(started);
        }

        return started;
    }

    /// <summary><c>section.key</c> → <c>STORYTELLING__SECTION__KEY</c> (nested keys keep their dots as <c>__</c>).</summary>
    public static string EnvironmentName(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return "STORYTELLING__" + key.Replace(".", "__", StringComparison.Ordinal).ToUpperInvariant();
    }

    /// <summary>
    /// How to run this CLI again: <c>dotnet storytelling.dll</c> from the folder this assembly was loaded from (the
    /// build output, also when a test host loaded it), else this process's own executable (an apphost or a
    /// single-file build).
    /// </summary>
    private static ProcessStartInfo CliStartInfo()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "storytelling.dll");
        ProcessStartInfo start;
        if (File.Exists(dll))
        {
            start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
            start.ArgumentList.Add(dll);
        }
        else
        {
            start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("this process's executable is unknown"));
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Started)
        {
            await process.KillAsync();
            process.Dispose();
        }
    }
}

/// <summary>One service process: its role, pid, whether it said it is ready, and a SIGKILL that waits for the exit.</summary>
public sealed class RoleProcess(string role, Process process) : IDisposable
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Role { get; } = role;

    public int Id { get; } = process.Id;

    public bool HasExited => process.HasExited;

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <summary>
    /// Completes when the service logged <see cref="RoleProcesses.ReadyMarker"/> (seen only with <c>service.log_level</c>
    /// Information or lower).
    /// </summary>
    public Task Ready => _ready.Task;

    internal void MarkReady() => _ready.TrySetResult();

    /// <summary>Kills the process at once (SIGKILL on Unix: no shutdown code runs) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
    }

    public void Dispose() => process.Dispose();
}
