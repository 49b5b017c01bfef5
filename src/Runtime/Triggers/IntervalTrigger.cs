using System;
using System.Runtime.CompilerServices;

namespace GenScheduler;

/// <summary>
/// Fires every <see cref="Interval"/> on a fixed grid. The grid is laid from <see cref="Start"/> when given
/// (first run at <see cref="Start"/>), otherwise from the moment the job was scheduled (first run one interval later).
/// Fire times are computed, never accumulated, so slow runs and long pauses cannot make the schedule drift.
/// </summary>
public sealed class IntervalTrigger : JobTrigger
{
    /// <summary>No instant: a start or end not given, or no fire time left.</summary>
    internal const long NoInstant = long.MinValue;

    // Instants are kept as UTC ticks and an offset in minutes, not as DateTimeOffset?, which pads to 16 bytes each: a
    // run-time job's trigger is 48 bytes, not 80, and a million jobs are a million triggers.
    private readonly long _intervalTicks;
    private readonly long _startTicks;
    private readonly long _endTicks;
    private readonly short _startOffsetMinutes;
    private readonly short _endOffsetMinutes;

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

        _intervalTicks = interval.Ticks;
        (_startTicks, _startOffsetMinutes) = Keep(start);
        (_endTicks, _endOffsetMinutes) = Keep(end);
    }

    /// <summary>The time between runs.</summary>
    public TimeSpan Interval => new(_intervalTicks);

    /// <summary>The first run time, or <see langword="null"/> to start one interval after scheduling.</summary>
    public DateTimeOffset? Start => Instant(_startTicks, _startOffsetMinutes);

    /// <summary>The last instant a run may be scheduled at, inclusive, or <see langword="null"/> for none.</summary>
    public DateTimeOffset? End => Instant(_endTicks, _endOffsetMinutes);

    /// <summary><see cref="Start"/> in UTC ticks, <see cref="NoInstant"/> for none: what a <c>ScheduledJob</c> keeps until it is first scheduled.</summary>
    internal long StartTicks => _startTicks;

    /// <summary><see cref="End"/> in UTC ticks, <see cref="NoInstant"/> for none: without the nullable and the offset it was given in.</summary>
    internal long EndTicks => _endTicks;

    /// <inheritdoc />
    public override DateTimeOffset? GetNextFireTime(DateTimeOffset after, DateTimeOffset origin) =>
        NextFireTicks(after.UtcTicks, origin.UtcTicks) is var next and not NoInstant ? new DateTimeOffset(next, TimeSpan.Zero) : null;

    /// <summary>
    /// <see cref="JobTrigger.GetFirstFireTime"/> for a job put on the schedule at <paramref name="nowTicks"/> (its origin),
    /// in UTC ticks: the first fire time at or after it. <see cref="NoInstant"/> when there is none, or at the calendar's
    /// first tick, where only the trigger itself answers; either way the caller asks the trigger.
    /// </summary>
    /// <remarks>
    /// What the scheduler takes instead of calling <see cref="JobTrigger.GetFirstFireTime"/> (<c>RunPlanner.TryLayInterval</c>,
    /// <c>ControlCalls.EnsureRuns</c>): this class is sealed and does not override that method, and must not unless this does the same.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long FirstFireTicks(long nowTicks) => FirstFireTicks(_startTicks, _intervalTicks, _endTicks, nowTicks);

    /// <summary>
    /// <see cref="FirstFireTicks(long)"/> from a trigger's start, interval and end in ticks (<see cref="NoInstant"/> or
    /// <see cref="DateTimeOffset.MaxValue"/> for no end) kept elsewhere: what the start's loop computes from a job's own
    /// copy of them, without reading the trigger.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long FirstFireTicks(long startTicks, long intervalTicks, long endTicks, long nowTicks) =>
        nowTicks > 0 ? NextFireTicks(nowTicks - 1, nowTicks, startTicks, intervalTicks, endTicks) : NoInstant;

    /// <summary>
    /// <see cref="GetNextFireTime"/> in UTC ticks, <see cref="NoInstant"/> for none, without the
    /// <see cref="DateTimeOffset"/>s and nullables a call through it would cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long NextFireTicks(long afterTicks, long originTicks) => NextFireTicks(afterTicks, originTicks, _startTicks, _intervalTicks, _endTicks);

    // The grid's arithmetic, for this trigger's fields or a job's copy of them. Inlined into the loops that run once over
    // a million jobs (a batch's checks, the start), where a call would cost more than the arithmetic.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long NextFireTicks(long afterTicks, long originTicks, long startTicks, long intervalTicks, long endTicks)
    {
        bool anchored = startTicks != NoInstant;
        long gridOrigin = anchored ? startTicks : originTicks;
        long first = anchored ? gridOrigin : gridOrigin + intervalTicks;

        long next;
        if (afterTicks < first)
        {
            next = first;
        }
        else
        {
            long steps = ((afterTicks - gridOrigin) / intervalTicks) + 1;
            if (steps > (DateTimeOffset.MaxValue.UtcTicks - gridOrigin) / intervalTicks)
            {
                return NoInstant;
            }

            next = gridOrigin + (steps * intervalTicks);
        }

        return next > DateTimeOffset.MaxValue.UtcTicks || (endTicks != NoInstant && next > endTicks) ? NoInstant : next;
    }

    /// <inheritdoc />
    public override DateTimeOffset GetLatestFireTime(DateTimeOffset due, DateTimeOffset now, DateTimeOffset origin)
    {
        long limit = now.UtcTicks;
        if (_endTicks != NoInstant && _endTicks < limit)
        {
            limit = _endTicks;
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

    private static (long UtcTicks, short OffsetMinutes) Keep(DateTimeOffset? instant) =>
        instant is { } i ? (i.UtcTicks, (short)(i.Offset.Ticks / TimeSpan.TicksPerMinute)) : (NoInstant, (short)0);

    // The instant as it was given: the same moment, in the offset it was given in.
    private static DateTimeOffset? Instant(long utcTicks, short offsetMinutes) =>
        utcTicks == NoInstant ? null : new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
}
