using System;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// How the firing loop sleeps until the next due instant, and how it is woken early. With the system clock it waits
/// with a timeout on a <see cref="WakeFlag"/>; with any other <see cref="TimeProvider"/> (a fake clock in tests) it
/// arms one timer of that provider, whose callback only rings this alarm, so that moving the fake clock is what wakes
/// the loop.
/// </summary>
internal sealed class LoopAlarm : IDisposable
{
    // Event waits take at most int.MaxValue ms and provider timers 0xFFFFFFFE ms; a later due time is reached by waking early.
    private static readonly long MaxWaitTicks = (int.MaxValue - 1L) * TimeSpan.TicksPerMillisecond;

    private readonly TimeProvider _time;

    // No spinning before a wait: the loop sleeps until a due instant at least a millisecond away, or a control call
    // wakes it, and spinning at every wake-up cost a third of the CPU of 100 jobs every 100 ms.
    private readonly WakeFlag _signal = new();
    private ITimer? _timer;

    public LoopAlarm(TimeProvider time) => _time = time;

    /// <summary>Creates the provider's timer, unless the clock is the system's; <paramref name="onDue"/> is its callback.</summary>
    public void Start(TimerCallback onDue, object state)
    {
        if (!ReferenceEquals(_time, TimeProvider.System))
        {
            _timer = _time.CreateTimer(onDue, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Wakes the loop, or keeps its next wait from sleeping.</summary>
    public void Ring() => _signal.Raise();

    /// <summary>Forgets a ring, at the start of a cycle that will look at the heap anyway.</summary>
    public void Reset() => _signal.Lower();

    /// <summary>Disposes the provider's timer; the flag stays usable, for a late ring.</summary>
    public void Dispose() => _timer?.Dispose();

    /// <summary>
    /// Arms the provider's timer for <paramref name="due"/> (a wait on the system clock needs no arming); <see langword="false"/>
    /// when it is due already.
    /// </summary>
    public bool Arm(long? due)
    {
        if (_timer is null)
        {
            return due is not { } d || d > _time.GetUtcNow().UtcTicks;
        }

        while (true)
        {
            long now = _time.GetUtcNow().UtcTicks;
            if (due is { } d && d <= now)
            {
                return false;
            }

            _timer.Change(TimerDelay(due, now), Timeout.InfiniteTimeSpan);

            // The timer counts from the provider's now at Change; if the clock moved since `now` was read, arm again.
            if (_time.GetUtcNow().UtcTicks == now)
            {
                return true;
            }
        }
    }

    /// <summary>Sleeps until <paramref name="due"/> (with the system clock) or until rung.</summary>
    public void Wait(long? due)
    {
        if (_timer is not null)
        {
            _signal.Wait(Timeout.Infinite);
            return;
        }

        int milliseconds = WaitMilliseconds(due, _time.GetUtcNow().UtcTicks);
        if (milliseconds != 0)
        {
            _signal.Wait(milliseconds);
        }
    }

    /// <summary>
    /// How long a provider's timer waits for <paramref name="due"/>: the exact ticks, so a fake clock moved to the due
    /// instant fires it, but never less than a millisecond, which timers count in.
    /// </summary>
    private static TimeSpan TimerDelay(long? due, long now) => due is { } d
        ? TimeSpan.FromTicks(Math.Clamp(d - now, TimeSpan.TicksPerMillisecond, MaxWaitTicks))
        : Timeout.InfiniteTimeSpan;

    /// <summary>
    /// How many milliseconds to wait for <paramref name="due"/>, 0 when it is due already. Rounded up: waits count whole
    /// milliseconds, and one that woke a fraction early would find nothing due and spin.
    /// </summary>
    private static int WaitMilliseconds(long? due, long now)
    {
        if (due is not { } d)
        {
            return Timeout.Infinite;
        }

        long ticks = Math.Min(d - now, MaxWaitTicks);
        return ticks <= 0 ? 0 : (int)((ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);
    }
}
