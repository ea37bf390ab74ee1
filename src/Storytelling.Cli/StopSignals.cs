using System.Runtime.InteropServices;

namespace Storytelling.Cli;

/// <summary>A token cancelled by the command's own token (Ctrl+C) or by SIGTERM, so services stop gracefully under a supervisor.</summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _term;

    private StopSignals(CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _stop.Cancel();
        });
    }

    public CancellationToken Token => _stop.Token;

    public static StopSignals Create(CancellationToken cancellationToken) => new(cancellationToken);

    public void Dispose()
    {
        _term.Dispose();
        _stop.Dispose();
    }
}
