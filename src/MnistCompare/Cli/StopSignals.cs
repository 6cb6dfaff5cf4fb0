using System.Runtime.InteropServices;

namespace MnistCompare.Cli;

// Ctrl-C (SIGINT) and a polite kill (SIGTERM) cancel a token instead of ending the process, so a training stops at
// its next batch and leaves the run folder consistent.
public sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;

    public StopSignals()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    // Also cancelled by whoever else may stop the work (a worker's parent closing its stdin).
    public CancellationTokenSource Source { get; } = new();

    public CancellationToken Token => Source.Token;

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        Source.Cancel();
    }

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        Source.Dispose();
    }
}
