using System;

namespace GenScheduler;

/// <summary>
/// Decides when a job fires. A trigger is immutable and holds no per-scheduler state, so one instance in the
/// generated job table can serve every scheduler in the process.
/// </summary>
public abstract class JobTrigger
{
    /// <summary>The first fire time when a job is put on the schedule at <paramref name="now"/>.</summary>
    /// <param name="now">The moment the job is scheduled.</param>
    /// <param name="origin">As for <see cref="GetNextFireTime"/>; usually equal to <paramref name="now"/>.</param>
    /// <returns>The first fire time, <paramref name="now"/> included; <see langword="null"/> when there is none.</returns>
    public virtual DateTimeOffset? GetFirstFireTime(DateTimeOffset now, DateTimeOffset origin) =>
        GetNextFireTime(now.AddTicks(-1), origin);

    /// <summary>The first fire time strictly after <paramref name="after"/>, or <see langword="null"/> when the trigger is done.</summary>
    /// <param name="after">The instant to search from, exclusive.</param>
    /// <param name="origin">
    /// When the job was put on the schedule (the scheduler's start, or the moment the job was added). Interval
    /// triggers without an explicit start lay their grid from here.
    /// </param>
    /// <returns>The next fire time in UTC, or <see langword="null"/> when there is none.</returns>
    public abstract DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin);

    /// <summary>
    /// The latest fire time in <c>[<paramref name="due"/>, <paramref name="now"/>]</c>: the run a backlog
    /// coalesces into. <paramref name="due"/> must be a fire time of this trigger that is not after <paramref name="now"/>.
    /// </summary>
    /// <param name="due">A fire time of this trigger, not after <paramref name="now"/>.</param>
    /// <param name="now">The present instant.</param>
    /// <param name="origin">As for <see cref="GetNextFireTime"/>.</param>
    /// <returns>The latest fire time that is due.</returns>
    /// <remarks>
    /// The default bisects over <see cref="GetNextFireTime"/>, so a backlog of ten years costs about sixty
    /// calls, not one per missed occurrence. Triggers with a closed form override it.
    /// </remarks>
    public virtual DateTimeOffset GetLatestFireTime(DateTimeOffset due, DateTimeOffset now, DateTimeOffset origin)
    {
        if (GetNextFireTime(due, origin) is not { } next || next > now)
        {
            return due;
        }

        // Invariant: an occurrence after `low` is still due; none after `high` is.
        long low = due.UtcTicks, high = now.UtcTicks;
        while (high - low > 1)
        {
            long mid = low + ((high - low) / 2);
            if (GetNextFireTime(new DateTimeOffset(mid, TimeSpan.Zero), origin) is { } candidate && candidate <= now)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return GetNextFireTime(new DateTimeOffset(low, TimeSpan.Zero), origin) ?? due;
    }

    /// <summary>How the trigger is printed in logs and job listings, in APScheduler's style: <c>interval[0:00:03]</c>.</summary>
    /// <returns>The trigger's description.</returns>
    public abstract override string ToString();
}
