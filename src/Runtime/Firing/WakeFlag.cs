using System.Runtime.CompilerServices;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// A flag a thread sleeps on and others raise: what a <see cref="ManualResetEventSlim"/> without spinning did for the
/// firing loop and its watchdog, on <see cref="Monitor"/> alone.
/// </summary>
/// <remarks>
/// Why not the event: its wait is a few hundred bytes of IL around the same <see cref="Monitor.Wait(object, int)"/>,
/// and in a process seconds old the runtime was still recompiling it (and the cancellation code it brings along) a
/// tier at a time, about 6 ms of the 40 ms of CPU that 100,000 fires of a storm cost. This flag's code is small
/// enough to be compiled once.
/// </remarks>
internal sealed class WakeFlag
{
    private readonly object _gate = new();
    private int _raised;
    private volatile int _sleepers;

    /// <summary>Raises the flag, and wakes whoever sleeps on it.</summary>
    public void Raise()
    {
        // The exchange is a full fence before the read of the sleepers' count, as a sleeper's count is before its read
        // of the flag (Dekker's handshake): one of the two sees the other, so a raise is never slept through.
        if (Interlocked.Exchange(ref _raised, 1) == 0 && _sleepers != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// Lowers the flag. A full fence, so that what the caller reads next (a command queue, a heap) is read after it, and
    /// a raise that follows a change the caller did not see is not lost.
    /// </summary>
    public void Lower() => Interlocked.Exchange(ref _raised, 0);

    /// <summary>
    /// Sleeps until the flag is raised or <paramref name="timeoutMilliseconds"/> (<see cref="Timeout.Infinite"/> for none)
    /// pass; <see langword="true"/> when it is raised.
    /// </summary>
    // Optimised at its first call: a wait or two a burst took it through tiering's compiles seconds into a process.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Wait(int timeoutMilliseconds)
    {
        if (Volatile.Read(ref _raised) != 0)
        {
            return true;
        }

        lock (_gate)
        {
            _sleepers++;
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _raised) == 0)
            {
                // A raiser pulses under the lock this wait releases, so its pulse cannot fall between the read and the wait.
                Monitor.Wait(_gate, timeoutMilliseconds);
            }

            _sleepers--;
            return Volatile.Read(ref _raised) != 0;
        }
    }
}
