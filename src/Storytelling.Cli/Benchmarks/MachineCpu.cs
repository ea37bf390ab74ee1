using System.Diagnostics;
using System.Globalization;

namespace Storytelling.Cli.Benchmarks;

/// <summary>
/// Busy CPU time of the whole machine (every process: ours, PostgreSQL, Redis), from the first line of
/// <c>/proc/stat</c> (all time but idle and I/O wait, in clock ticks of 1/100 s); where there is no <c>/proc/stat</c>,
/// this process's CPU time.
/// </summary>
internal static class MachineCpu
{
    private const string Stat = "/proc/stat";
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux architecture .NET runs on

    public static double BusySeconds()
    {
        if (!File.Exists(Stat))
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime.TotalSeconds;
        }

        using var reader = new StreamReader(Stat);
        var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = 0;
        for (var i = 1; i < fields.Length && i <= 8; i++)
        {
            if (i is not (4 or 5)) // idle, iowait
            {
                busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }
        }

        return busy / TicksPerSecond;
    }
}
