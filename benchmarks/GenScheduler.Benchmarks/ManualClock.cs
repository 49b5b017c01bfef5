using System;
using System.Collections.Generic;
using System.Threading;

namespace GenScheduler.Benchmarks;

/// <summary>
/// A deterministic clock for the per-fire benchmark that costs (almost) nothing itself: reading it is one volatile
/// read, re-arming a timer is two field writes, and nothing allocates. <see cref="AdvanceTo"/> runs due timer
/// callbacks synchronously on the caller's thread, as a system timer would run them on a timer thread.
/// </summary>
/// <remarks>
/// FakeTimeProvider (Microsoft.Extensions.TimeProvider.Testing 10.0.0) is not used for the per-fire numbers because
/// its own costs would be counted as the scheduler's: every <c>ITimer.Change</c> (one per timer wake-up, so one per
/// fire when fires are spread out) allocates a new 56-byte waiter, and <c>GetUtcNow</c> takes a lock that the
/// thread-pool workers reading the clock would contend on. See docs/benchmarks.md.
/// Only for a single thread driving time; timers may be changed from any thread.
/// </remarks>
internal sealed class ManualClock : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private long _nowTicks;

    public ManualClock(DateTimeOffset start) => _nowTicks = start.UtcTicks;

    public long NowTicks => Volatile.Read(ref _nowTicks);

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _nowTicks), TimeSpan.Zero);

    public override long GetTimestamp() => Volatile.Read(ref _nowTicks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    /// <summary>
    /// Moves the clock to <paramref name="ticks"/> without running any timer: the benchmark then plays the scheduler's
    /// firing loop itself (<c>Scheduler.FireDueNow</c>), whose own thread, woken by no timer, stays asleep.
    /// </summary>
    public void SetWithoutTimers(long ticks) => Volatile.Write(ref _nowTicks, ticks);

    /// <summary>Moves the clock to <paramref name="ticks"/> and runs every timer that is due, until none is.</summary>
    public void AdvanceTo(long ticks)
    {
        Volatile.Write(ref _nowTicks, ticks);
        for (int i = 0; i < _timers.Count; i++)
        {
            var timer = _timers[i];
            while (timer.TryTake(ticks))
            {
                timer.Fire();
            }
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private long _dueTicks = long.MaxValue;

        public bool TryTake(long now)
        {
            long due = Volatile.Read(ref _dueTicks);
            return due <= now && Interlocked.CompareExchange(ref _dueTicks, long.MaxValue, due) == due;
        }

        public void Fire() => callback(state);

        // Periods are ignored: the scheduler only uses one-shot timers.
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Volatile.Write(ref _dueTicks, dueTime == Timeout.InfiniteTimeSpan ? long.MaxValue : clock.NowTicks + dueTime.Ticks);
            return true;
        }

        public void Dispose() => Volatile.Write(ref _dueTicks, long.MaxValue);

        public System.Threading.Tasks.ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
