using System.Runtime.CompilerServices;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// The right of one thread to be the firing loop, and what that thread alone touches (its outbox). A thread holds it
/// until a job it runs inline keeps it so long that the <see cref="LoopWatchdog"/> takes the lease and starts a new
/// thread; the old one, when its job returns at last, sees the lease lost and ends without touching the loop again.
/// </summary>
/// <remarks>
/// One field says both what runs and who owns: the number of the inline run in progress, 0 between runs, or
/// <see cref="Lost"/>. The watchdog takes the lease only from a run it saw in progress a whole period earlier, and
/// the run's end gives it back only if nobody took it: both are one compare-and-swap on that field, so exactly one of
/// them wins, and a lease is never taken between runs.
/// </remarks>
internal sealed class LoopLease
{
    private const int Lost = -1;

    private int _running;
    private int _starts;
    private int _cycles;

    public LoopLease(Outbox outbox) => Outbox = outbox;

    /// <summary>The outbox of the thread that holds the lease.</summary>
    public Outbox Outbox { get; }

    /// <summary>Whether the watchdog took the lease: the thread that held it must end, touching nothing.</summary>
    public bool IsLost => Volatile.Read(ref _running) == Lost;

    /// <summary>The number of the inline run in progress; 0 for none.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>
    /// How many firing-loop cycles have made inline runs (it wraps; only compared for change): the watchdog parks when
    /// it has not moved for a period. Counted by cycle, not by run nor by chunk, so that the cycle the watchdog was woken
    /// for, if it is over by the next look, lets it park at that look instead of one period later.
    /// </summary>
    public int Cycles => Volatile.Read(ref _cycles);

    /// <summary>
    /// Marks an inline run begun and returns its number. <paramref name="fenced"/> makes the mark a full fence, so a
    /// watchdog that reads <see cref="LoopWatchdog"/>'s parked flag after it cannot miss the run (the first of a batch);
    /// <paramref name="newCycle"/> counts a cycle (the first run of a cycle's first batch, fenced).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Begin(bool fenced, bool newCycle = false)
    {
        int number = _starts + 1;
        if (number <= 0)
        {
            // After int.MaxValue runs: 0 and Lost are not run numbers.
            number = 1;
        }

        Volatile.Write(ref _starts, number);
        if (newCycle)
        {
            Volatile.Write(ref _cycles, _cycles + 1);
        }

        if (fenced)
        {
            Interlocked.Exchange(ref _running, number);
        }
        else
        {
            Volatile.Write(ref _running, number);
        }

        return number;
    }

    /// <summary>Marks run <paramref name="number"/> ended; <see langword="false"/> when the watchdog took the lease during it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool End(int number) => Interlocked.CompareExchange(ref _running, 0, number) == number;

    /// <summary>The watchdog's take: succeeds only while run <paramref name="number"/> is still in progress.</summary>
    public bool TryTake(int number) => number > 0 && Interlocked.CompareExchange(ref _running, Lost, number) == number;
}
