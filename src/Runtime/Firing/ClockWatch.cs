using System;

namespace GenScheduler;

/// <summary>
/// Notices the wall clock being set back, by comparing how far it moved with how much time really passed (the
/// monotonic timestamp). Interval triggers are about elapsed time, so the firing loop moves interval jobs back by the
/// same step instead of letting them stall until the wall clock catches up.
/// </summary>
/// <remarks>
/// Only backward steps are corrected. A forward step looks the same as a process that was suspended (a laptop lid, a
/// paused VM), where the misfire and coalescing rules are what a user asked for, so it is left to them.
/// </remarks>
internal sealed class ClockWatch
{
    // Clocks are slewed by NTP by up to 500 ppm; anything within that (or a second) is drift, not a step.
    private static readonly long MinStepTicks = TimeSpan.TicksPerSecond;

    private readonly TimeProvider _time;
    private long _wallTicks;
    private long _stamp;

    public ClockWatch(TimeProvider time)
    {
        _time = time;
        _wallTicks = time.GetUtcNow().UtcTicks;
        _stamp = time.GetTimestamp();
    }

    /// <summary>Takes a reading: how far the wall clock was set back since the last one, in ticks (0 when it was not).</summary>
    public long SetBackSince(DateTimeOffset now)
    {
        long stamp = _time.GetTimestamp();
        long elapsed = _time.GetElapsedTime(_stamp, stamp).Ticks;
        long moved = now.UtcTicks - _wallTicks;
        _wallTicks = now.UtcTicks;
        _stamp = stamp;
        long step = elapsed - moved;
        return step > Math.Max(MinStepTicks, elapsed / 1000) ? step : 0;
    }
}
