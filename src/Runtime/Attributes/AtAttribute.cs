using System;

namespace GenScheduler;

/// <summary>
/// Runs the method once, at an instant: <c>[At("2026-12-24T18:00:00Z")]</c>. After that run the job is done and
/// leaves the scheduler. An instant already past when the scheduler starts is a misfire: it runs only within the
/// job's grace time.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class AtAttribute : ScheduleAttribute
{
    /// <summary>Creates a one-shot schedule.</summary>
    /// <param name="instant">An ISO-8601 date and time with an offset, such as <c>2026-12-24T18:00:00Z</c>.</param>
    public AtAttribute(string instant) => Instant = instant;

    /// <summary>The instant as written.</summary>
    public string Instant { get; }
}
