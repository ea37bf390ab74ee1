using System.CommandLine;
using Storytelling.Cli.Benchmarks;

namespace Storytelling.Cli.Commands;

/// <summary>
/// <c>storytelling bench &lt;benchmark&gt;</c>: measurements against real servers, printed (and written with
/// <c>--output</c>) as figures. Benchmarks are not tests; each one lives in <c>Benchmarks/</c> and adds itself here
/// with one line.
/// </summary>
public static class BenchCommand
{
    public static Command Create(Action<Command, Func<CliContext, CancellationToken, Task<int>>> register)
    {
        var bench = new Command("bench", "Run a benchmark against real servers and report its figures.");
        bench.Subcommands.Add(ConsumerBenchmark.CreateCommand(register));
        bench.Subcommands.Add(NlpBenchmark.CreateCommand(register));
        bench.Subcommands.Add(CleaningBenchmark.CreateCommand(register));
        bench.Subcommands.Add(StoriesBenchmark.CreateCommand(register));
        bench.Subcommands.Add(E2eBenchmark.CreateCommand(register));
        bench.Subcommands.Add(RegistryBenchmark.CreateCommand(register));
        return bench;
    }
}
