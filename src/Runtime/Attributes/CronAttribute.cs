using System;

namespace GenScheduler;

/// <summary>
/// Runs the method on a cron schedule: <c>[Cron("0 */5 * * * *")]</c>.
/// </summary>
/// <remarks>
/// Five fields (<c>minute hour day month weekday</c>) or six with a leading seconds field; the generator tells
/// them apart at compile time. Macros such as <c>@hourly</c>, <c>@daily</c> and <c>@every_second</c> work.
/// Weekday numbers are standard cron: 0 and 7 are Sunday.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class CronAttribute : ScheduleAttribute
{
    /// <summary>Creates a cron schedule.</summary>
    /// <param name="expression">The cron expression, with five or six fields, or a macro such as <c>@hourly</c>.</param>
    public CronAttribute(string expression) => Expression = expression;

    /// <summary>The cron expression as written.</summary>
    public string Expression { get; }

    /// <summary>
    /// The time zone the expression is read in: an IANA id (<c>Europe/Berlin</c>) or a Windows id.
    /// UTC when omitted. Daylight-saving changes follow Cronos's rules: a time in the spring gap runs
    /// right after the gap, a time in the autumn overlap runs once.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// No run before this instant: an ISO-8601 date and time with an offset, such as <c>2026-12-01T09:00:00Z</c>
    /// or <c>2026-12-01T10:00:00+01:00</c>.
    /// </summary>
    public string? Start { get; set; }

    /// <summary>The last instant a run may be scheduled at, inclusive, in the same form as <see cref="Start"/>.</summary>
    public string? End { get; set; }
}
