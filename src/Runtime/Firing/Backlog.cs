using System;

namespace GenScheduler;

/// <summary>
/// What a job that does not coalesce catches up on when several of its fire times are due at once (the process was
/// held up, slept, the clock jumped, the scheduler was paused or restarted): the runs still within the grace time,
/// made one after another in one submission as APScheduler's executor does, at most <c>cap</c> of them (the latest);
/// the earlier ones are one missed stretch.
/// </summary>
/// <remarks>
/// Nothing here walks the backlog run by run: intervals are arithmetic, other triggers take a bounded number of
/// steps (at most about 64 × (cap + 1)), so a ten-year clock jump costs the same as a minute's.
/// </remarks>
internal static class Backlog
{
    /// <summary>Plans the catch-up of a job due at <paramref name="grid"/> whose next fire time is not after <paramref name="now"/>.</summary>
    /// <param name="times">The job's fire times.</param>
    /// <param name="grid">The due fire time, on the trigger's schedule.</param>
    /// <param name="now">The present instant.</param>
    /// <param name="graceTicks">The misfire grace time; <see cref="long.MaxValue"/> for none.</param>
    /// <param name="cap">The most runs to catch up.</param>
    public static BacklogPlan Plan(in FireTimes times, DateTimeOffset grid, DateTimeOffset now, long graceTicks, int cap)
    {
        var latest = times.Latest(grid, now);
        DateTimeOffset? firstInGrace = graceTicks == long.MaxValue || (now - grid).Ticks <= graceTicks
            ? grid
            : FirstAtOrAfter(times, grid, now.AddTicks(-graceTicks));
        if (firstInGrace is not { } first || first > latest)
        {
            var (count, last) = CountMissed(times, grid, latest, inclusive: true, cap);
            return new BacklogPlan(latest, null, 0, grid, count, last);
        }

        DateTimeOffset start;
        if (times.IntervalTicks != 0)
        {
            long inGrace = ((latest.UtcTicks - first.UtcTicks) / times.IntervalTicks) + 1;
            start = inGrace <= cap ? first : first.AddTicks((inGrace - cap) * times.IntervalTicks);
        }
        else
        {
            start = CountFrom(times, first, latest, cap + 1) <= cap ? first : StartOfLast(times, first, latest, cap);
        }

        int runs = (int)CountFrom(times, start, latest, cap);
        if (start == grid)
        {
            return new BacklogPlan(latest, start, runs, null, 0, null);
        }

        var (missed, lastMissed) = CountMissed(times, grid, start, inclusive: false, cap);
        return new BacklogPlan(latest, start, runs, grid, missed, lastMissed);
    }

    /// <summary>The first fire time at or after <paramref name="instant"/>, stepping an interval from its grid point.</summary>
    private static DateTimeOffset? FirstAtOrAfter(in FireTimes times, DateTimeOffset grid, DateTimeOffset instant)
    {
        if (times.IntervalTicks == 0)
        {
            return times.FirstAtOrAfter(instant);
        }

        long steps = ((instant.UtcTicks - grid.UtcTicks) + times.IntervalTicks - 1) / times.IntervalTicks;
        return new DateTimeOffset(grid.UtcTicks + (steps * times.IntervalTicks), TimeSpan.Zero);
    }

    /// <summary>How many fire times lie in <c>[<paramref name="from"/>, <paramref name="to"/>]</c>, counting no further than <paramref name="limit"/>.</summary>
    private static long CountFrom(in FireTimes times, DateTimeOffset from, DateTimeOffset to, long limit)
    {
        if (from > to)
        {
            return 0;
        }

        if (times.IntervalTicks != 0)
        {
            return Math.Min(limit, ((to.UtcTicks - from.UtcTicks) / times.IntervalTicks) + 1);
        }

        long count = 1;
        for (var t = from; count < limit && times.Next(t) is { } next && next <= to; t = next)
        {
            count++;
        }

        return count;
    }

    /// <summary>The first of the last <paramref name="cap"/> fire times up to <paramref name="latest"/>, by bisection over the instants.</summary>
    private static DateTimeOffset StartOfLast(in FireTimes times, DateTimeOffset first, DateTimeOffset latest, int cap)
    {
        // Invariant: from `high` on there are at most `cap` fire times up to latest; from `low` on there are more.
        long low = first.UtcTicks, high = latest.UtcTicks;
        while (high - low > 1)
        {
            long mid = low + ((high - low) / 2);
            var from = times.FirstAtOrAfter(new DateTimeOffset(mid, TimeSpan.Zero)) ?? latest;
            if (CountFrom(times, from, latest, cap + 1) <= cap)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return times.FirstAtOrAfter(new DateTimeOffset(high, TimeSpan.Zero)) ?? latest;
    }

    /// <summary>
    /// The missed fire times from <paramref name="grid"/> up to <paramref name="end"/>: how many and the last, or a
    /// <see langword="null"/> count when there are more than <paramref name="cap"/> of a trigger that can only be stepped.
    /// </summary>
    private static (long? Count, DateTimeOffset? Last) CountMissed(in FireTimes times, DateTimeOffset grid, DateTimeOffset end, bool inclusive, int cap)
    {
        if (times.IntervalTicks != 0)
        {
            long span = end.UtcTicks - grid.UtcTicks;
            long count = (span / times.IntervalTicks) + (inclusive ? 1 : 0);
            return (count, new DateTimeOffset(grid.UtcTicks + ((count - 1) * times.IntervalTicks), TimeSpan.Zero));
        }

        long n = 1;
        var last = grid;
        while (n <= cap && times.Next(last) is { } next && (inclusive ? next <= end : next < end))
        {
            last = next;
            n++;
        }

        return n > cap ? (null, null) : (n, last);
    }
}

/// <summary>A backlog's catch-up.</summary>
/// <param name="Latest">The latest fire time that is due; the job's next fire time comes after it.</param>
/// <param name="FirstRun">The first run to make, or <see langword="null"/> when every due run is missed.</param>
/// <param name="RunCount">How many runs to make, one after another, from <see cref="FirstRun"/>.</param>
/// <param name="FirstMissed">The first missed fire time, or <see langword="null"/> when none is missed.</param>
/// <param name="MissedCount">How many are missed; <see langword="null"/> when too many to count.</param>
/// <param name="LastMissed">The last missed fire time, when known.</param>
internal readonly record struct BacklogPlan(
    DateTimeOffset Latest, DateTimeOffset? FirstRun, int RunCount, DateTimeOffset? FirstMissed, long? MissedCount, DateTimeOffset? LastMissed);
