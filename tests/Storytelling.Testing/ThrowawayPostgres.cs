using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Storytelling.Testing;

/// <summary>
/// A PostgreSQL server of one test's own (initdb in a temporary folder, a free port on 127.0.0.1, trust
/// authentication), from the same server programs <c>scripts/servers.sh</c> uses, so a test can stop and start it
/// (an outage) without touching the shared test server. About 3 s to create; deleted on dispose.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    public const string Superuser = "storytelling";

    private readonly string _bin;
    private readonly string _directory;

    private ThrowawayPostgres(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public const string Host = "127.0.0.1";

    /// <summary>Connection string of the superuser on database <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = Host, Port = Port, Username = Superuser, Database = database }.ConnectionString;

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = FindBinDirectory();
        var directory = Directory.CreateTempSubdirectory("storytelling-pg-").FullName;
        var server = new ThrowawayPostgres(bin, directory, FreePorts.Next());
        try
        {
            await server.RunAsync("chown", ["postgres:", directory], asPostgres: false, onlyAsRoot: true);
            await server.RunAsync(Path.Combine(bin, "initdb"), ["-D", server.DataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync"]);
            var config = string.Create(CultureInfo.InvariantCulture,
                $"listen_addresses = '127.0.0.1'\nport = {server.Port}\nunix_socket_directories = '{directory}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 100\nlogging_collector = off\n");
            await File.AppendAllTextAsync(Path.Combine(server.DataDirectory, "postgresql.conf"), config);
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the stopped server and waits until it accepts connections.</summary>
    public Task StartAgainAsync() =>
        RunAsync(Path.Combine(_bin, "pg_ctl"), ["start", "-D", DataDirectory, "-l", Path.Combine(_directory, "postgres.log"), "-w", "-t", "60", "-s"]);

    /// <summary>Stops the server (fast shutdown: open connections are cut) and waits until it is gone.</summary>
    public Task StopAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "-s"]);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "60", "-s"]);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task RunAsync(string program, string[] arguments, bool asPostgres = true, bool onlyAsRoot = false)
    {
        var root = Environment.UserName == "root";
        if (onlyAsRoot && !root)
        {
            return;
        }

        var start = new ProcessStartInfo
        {
            FileName = root && asPostgres ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (root && asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_directory, "postgres.log");
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}" +
                (File.Exists(log) ? $"\nserver log:\n{await File.ReadAllTextAsync(log)}" : ""));
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[^1]
            : throw new InvalidOperationException(
                "PostgreSQL's server programs (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin: install the postgresql " +
                "package (scripts/servers.sh start does it)");
    }
}
