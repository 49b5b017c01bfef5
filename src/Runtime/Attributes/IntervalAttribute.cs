using System;

namespace GenScheduler;

/// <summary>
/// Runs the method at a fixed interval: <c>[Interval(Seconds = 3)]</c>. The units add up, so
/// <c>[Interval(Minutes = 1, Seconds = 30)]</c> is every 90 seconds.
/// </summary>
/// <remarks>
/// The first run is one interval after the scheduler starts, and later runs keep to that grid
/// (each run is one interval after the previous <em>scheduled</em> time, not after the previous run ended),
/// so the schedule never drifts. Intervals are elapsed time: daylight-saving changes do not move them.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class IntervalAttribute : ScheduleAttribute
{
    /// <summary>Whole days in the interval.</summary>
    public int Days { get; set; }

    /// <summary>Hours in the interval.</summary>
    public int Hours { get; set; }

    /// <summary>Minutes in the interval.</summary>
    public int Minutes { get; set; }

    /// <summary>Seconds in the interval.</summary>
    public int Seconds { get; set; }

    /// <summary>Milliseconds in the interval.</summary>
    public int Milliseconds { get; set; }

    /// <summary>
    /// No run before this instant: an ISO-8601 date and time with an offset, such as <c>2026-12-01T09:00:00Z</c>
    /// or <c>2026-12-01T10:00:00+01:00</c>. The interval's grid is laid from here, and it is the first run.
    /// </summary>
    public string? Start { get; set; }

    /// <summary>The last instant a run may be scheduled at, inclusive, in the same form as <see cref="Start"/>.</summary>
    public string? End { get; set; }
}
