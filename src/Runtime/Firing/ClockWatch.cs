using System;

namespace GenScheduler;

/// <summary>
/// Notices the wall clock being set back, by comparing how far it moved with how much time really passed (the
/// monotonic timestamp). Interval triggers are about elapsed time, so the firing loop moves interval jobs back by the
/// same step instead of letting them stall until the wall clock catches up.
/// </summary>
/// <remarks>
/// <para>Only backward steps are corrected. A forward step looks the same as a process that was suspended (a laptop lid, a
/// paused VM), where the misfire and coalescing rules are what a user asked for, so it is left to them.</para>
/// <para>The wall clock is read between two timestamps, and only the time that surely passed between two readings
/// counts: a thread preempted between reading the one clock and the other (or a fake clock advanced in between) would
/// otherwise look like a step back by as long as it waited, and move every interval job back by that much.</para>
/// </remarks>
internal sealed class ClockWatch
{
    // Clocks are slewed by NTP by up to 500 ppm; anything within that (or a second) is drift, not a step.
    private static readonly long MinStepTicks = TimeSpan.TicksPerSecond;

    private readonly TimeProvider _time;
    private long _wallTicks;
    private long _stampAfter;

    public ClockWatch(TimeProvider time)
    {
        _time = time;
        _wallTicks = time.GetUtcNow().UtcTicks;
        _stampAfter = time.GetTimestamp();
    }

    /// <summary>
    /// Reads the wall clock and how far it was set back since the last reading, in ticks (0 when it was not).
    /// </summary>
    public DateTimeOffset Read(out long setBack)
    {
        long before = _time.GetTimestamp();
        var now = _time.GetUtcNow();
        long after = _time.GetTimestamp();

        // The last wall reading came before its _stampAfter, this one after `before`: at least this much passed between them.
        long surelyElapsed = Math.Max(0, _time.GetElapsedTime(_stampAfter, before).Ticks);
        long moved = now.UtcTicks - _wallTicks;
        _wallTicks = now.UtcTicks;
        _stampAfter = after;
        long step = surelyElapsed - moved;
        setBack = step > Math.Max(MinStepTicks, surelyElapsed / 1000) ? step : 0;
        return now;
    }
}
