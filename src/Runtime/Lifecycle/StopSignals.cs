using System;
using System.Runtime.InteropServices;

namespace GenScheduler;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM while <see cref="Scheduler.RunAsync"/> blocks: each one is a stop request, and the
/// process is not killed, so the scheduler can stop cleanly. Where the platform has no such signals, nothing happens.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration? _interrupt;
    private readonly PosixSignalRegistration? _terminate;

    public StopSignals(Action onSignal)
    {
        _interrupt = Register(PosixSignal.SIGINT, onSignal);
        _terminate = Register(PosixSignal.SIGTERM, onSignal);
    }

    public void Dispose()
    {
        _interrupt?.Dispose();
        _terminate?.Dispose();
    }

    private static PosixSignalRegistration? Register(PosixSignal signal, Action onSignal)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                onSignal();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
