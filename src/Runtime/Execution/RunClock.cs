using System;
using System.Diagnostics;

namespace GenScheduler;

/// <summary>
/// The clock of one thread making runs one after another: one reading per run where reading the wall clock, a
/// timestamp for the duration and another for the thread's own timing were four. A reading costs tens of
/// nanoseconds on a virtual machine, as much as a good part of a quick fire's bookkeeping.
/// </summary>
/// <remarks>
/// <para>With the system's clock, a start's wall-clock time is the monotonic reading added to a wall-clock reading
/// taken at most <see cref="WallReadEvery"/> before: the two move apart only by the clock's slewing (a few parts in
/// ten thousand at most), and a wall clock set forward or back is seen within that time. Any other
/// <see cref="TimeProvider"/> (a test's fake) is read as it is, every time, since its two clocks need not agree.</para>
/// <para>A run's end is the next run's start when nothing was done between them but the scheduler's own few steps:
/// <see cref="StartNextAtLastReading"/> says so, after a run nobody heard of (no log written, no listener, no metric),
/// or after the reading a thread takes before its first run.</para>
/// <para>Held on the stack of the thread that makes the runs, never shared: a firing thread that was taken over still
/// ends its held run with its own clock while the new thread reads another.</para>
/// </remarks>
internal struct RunClock
{
    private static readonly long WallReadEvery = Stopwatch.Frequency / 10;

    // Stopwatch ticks per TimeSpan tick where that is whole (100 on Linux and macOS, 1 on Windows): the system clock's
    // elapsed times by one division by a constant, where TimeProvider's take a virtual call and floating point.
    private static readonly long StampsPerTick =
        Stopwatch.Frequency % TimeSpan.TicksPerSecond == 0 ? Stopwatch.Frequency / TimeSpan.TicksPerSecond : 0;

    private readonly TimeProvider _time;
    private readonly bool _system;
    private long _wallTicks;
    private long _wallStamp;
    private bool _wallRead;
    private bool _nextStartRead;

    /// <param name="time">The scheduler's time.</param>
    public RunClock(TimeProvider time)
    {
        _time = time;
        _system = ReferenceEquals(time, TimeProvider.System);
    }

    /// <summary>The last reading, in <see cref="TimeProvider.GetTimestamp"/> units of the scheduler's time.</summary>
    public long Stamp { get; private set; }

    /// <summary>
    /// The last reading in <see cref="Stopwatch"/> units, real time whatever the scheduler's: what holding a thread is
    /// measured in. The same reading as <see cref="Stamp"/> with the system's clock.
    /// </summary>
    public long ThreadStamp { get; private set; }

    /// <summary>Reads the clocks for a run's start: its wall-clock time, and <see cref="Stamp"/> its duration is measured from.</summary>
    public DateTimeOffset ReadStart()
    {
        if (_nextStartRead)
        {
            _nextStartRead = false;
        }
        else
        {
            Read();
        }

        if (!_system)
        {
            return _time.GetUtcNow();
        }

        if (!_wallRead || Stamp - _wallStamp > WallReadEvery)
        {
            _wallTicks = _time.GetUtcNow().UtcTicks;
            _wallStamp = Stamp;
            _wallRead = true;
        }

        return new DateTimeOffset(_wallTicks + TicksBetween(_wallStamp, Stamp), TimeSpan.Zero);
    }

    /// <summary>Reads the clocks at a run's end (or where its synchronous part returned); returns <see cref="Stamp"/>.</summary>
    public long Read()
    {
        _nextStartRead = false;
        Stamp = _time.GetTimestamp();
        ThreadStamp = _system ? Stamp : Stopwatch.GetTimestamp();
        return Stamp;
    }

    /// <summary>The last reading serves as the next run's start: nothing that takes time comes between them.</summary>
    public void StartNextAtLastReading() => _nextStartRead = true;

    /// <summary>Reads the clocks before a thread's run, as that run's start; returns <see cref="ThreadStamp"/>, to time it from.</summary>
    public long ReadNextStart()
    {
        Read();
        _nextStartRead = true;
        return ThreadStamp;
    }

    /// <summary>The time from <paramref name="stamp"/>, an earlier <see cref="Stamp"/>, to the last reading.</summary>
    public readonly TimeSpan Since(long stamp) => new(TicksBetween(stamp, Stamp));

    private readonly long TicksBetween(long from, long to) =>
        _system && StampsPerTick != 0 ? (to - from) / StampsPerTick : _time.GetElapsedTime(from, to).Ticks;
}
