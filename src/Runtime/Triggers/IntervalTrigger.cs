using System;

namespace GenScheduler;

/// <summary>
/// Fires every <see cref="Interval"/> on a fixed grid. The grid is laid from <see cref="Start"/> when given
/// (first run at <see cref="Start"/>), otherwise from the moment the job was scheduled (first run one interval later).
/// Fire times are computed, never accumulated, so slow runs and long pauses cannot make the schedule drift.
/// </summary>
public sealed class IntervalTrigger : JobTrigger
{
    private readonly long _intervalTicks;

    /// <summary>Creates an interval trigger.</summary>
    /// <param name="interval">The time between runs; must be positive.</param>
    /// <param name="start">The first run time, which anchors the grid; the scheduling moment when omitted.</param>
    /// <param name="end">The last instant a run may be scheduled at, inclusive; none when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive, or longer than the calendar.</exception>
    /// <exception cref="ArgumentException">The end is before the start.</exception>
    public IntervalTrigger(TimeSpan interval, DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval,
                $"An interval must be positive; {interval} would never advance. Set Days, Hours, Minutes, Seconds or Milliseconds.");
        }

        if (interval.Ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval,
                $"An interval of {interval} is longer than the calendar (DateTimeOffset spans 10,000 years), so it could never fire.");
        }

        if (start is { } s && end is { } e && e < s)
        {
            throw new ArgumentException($"The interval's end {e:O} is before its start {s:O}.", nameof(end));
        }

        Interval = interval;
        Start = start;
        End = end;
        _intervalTicks = interval.Ticks;
    }

    /// <summary>The time between runs.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The first run time, or <see langword="null"/> to start one interval after scheduling.</summary>
    public DateTimeOffset? Start { get; }

    /// <summary>The last instant a run may be scheduled at, inclusive, or <see langword="null"/> for none.</summary>
    public DateTimeOffset? End { get; }

    /// <inheritdoc />
    public override DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin)
    {
        long gridOrigin = (Start ?? origin).UtcTicks;
        long first = Start is null ? gridOrigin + _intervalTicks : gridOrigin;
        long afterTicks = after.UtcTicks;

        long next;
        if (afterTicks < first)
        {
            next = first;
        }
        else
        {
            long steps = ((afterTicks - gridOrigin) / _intervalTicks) + 1;
            if (steps > (DateTimeOffset.MaxValue.UtcTicks - gridOrigin) / _intervalTicks)
            {
                return null;
            }

            next = gridOrigin + (steps * _intervalTicks);
        }

        if (next > DateTimeOffset.MaxValue.UtcTicks || (End is { } end && next > end.UtcTicks))
        {
            return null;
        }

        return new DateTimeOffset(next, TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override DateTimeOffset GetLatestFireTime(DateTimeOffset due, DateTimeOffset now, DateTimeOffset origin)
    {
        long limit = now.UtcTicks;
        if (End is { } end && end.UtcTicks < limit)
        {
            limit = end.UtcTicks;
        }

        if (limit <= due.UtcTicks)
        {
            return due;
        }

        // `due` is on the grid, so whole intervals from it land on the grid too.
        long latest = due.UtcTicks + ((limit - due.UtcTicks) / _intervalTicks * _intervalTicks);
        return new DateTimeOffset(latest, TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override string ToString() => $"interval[{ApschedulerFormat.Duration(Interval)}]";
}
