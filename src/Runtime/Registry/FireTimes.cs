using System;
using System.Runtime.CompilerServices;

namespace GenScheduler;

/// <summary>
/// Steps through one job's fire times: the trigger with the few facts that let an interval be stepped by arithmetic.
/// A value copied into each run, so a run that catches up a backlog steps the trigger it was submitted with even if the
/// job is rescheduled meanwhile.
/// </summary>
/// <remarks>
/// Every step is checked to move forward: a custom trigger that answers a time not after the one it was asked about
/// would otherwise make the firing loop spin on one job for ever. Such a trigger is a <see cref="TriggerFaultException"/>,
/// which stops that job only.
/// </remarks>
internal readonly struct FireTimes
{
    private static readonly long MaxTicks = DateTimeOffset.MaxValue.UtcTicks;

    private readonly long _originTicks;
    private readonly long _endTicks;
    private readonly JobTrigger? _trigger;
    private readonly JobDefinition? _definition;

    public FireTimes(JobTrigger trigger, DateTimeOffset origin)
    {
        _trigger = trigger;
        _originTicks = origin.UtcTicks;
        (IntervalTicks, _endTicks) = IntervalOf(trigger);
    }

    /// <summary>
    /// A job's fire times from what it keeps: the trigger is reached through the definition only when it must be asked,
    /// so stepping an interval touches neither (with a million jobs, each object touched is a cache miss).
    /// </summary>
    public FireTimes(JobDefinition definition, long originTicks, long intervalTicks, long endTicks)
    {
        _definition = definition;
        _originTicks = originTicks;
        IntervalTicks = intervalTicks;
        _endTicks = endTicks;
    }

    /// <summary>What lets an <see cref="IntervalTrigger"/> be stepped by arithmetic: its interval and end in ticks; (0, max) for any other trigger.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (long IntervalTicks, long EndTicks) IntervalOf(JobTrigger trigger) =>
        trigger is IntervalTrigger interval ? (interval.Interval.Ticks, interval.EndTicks is var end and not IntervalTrigger.NoInstant ? end : MaxTicks) : (0, MaxTicks);

    public JobTrigger Trigger => _trigger ?? _definition!.Trigger;

    /// <summary>The interval in ticks for an <see cref="IntervalTrigger"/>; 0 for any other trigger.</summary>
    public long IntervalTicks { get; }

    public DateTimeOffset Origin => new(_originTicks, TimeSpan.Zero);

    /// <summary>The next fire time after <paramref name="fireTime"/>, which is one of the trigger's fire times; <see langword="null"/> when done.</summary>
    public DateTimeOffset? Next(DateTimeOffset fireTime)
    {
        if (IntervalTicks != 0)
        {
            // On the grid, the next point is one interval on: no call to the trigger, no division.
            long ticks = fireTime.UtcTicks;
            return ticks <= _endTicks - IntervalTicks && ticks <= MaxTicks - IntervalTicks
                ? new DateTimeOffset(ticks + IntervalTicks, TimeSpan.Zero)
                : null;
        }

        DateTimeOffset? next = Ask(static (t, after, origin) => t.GetNextFireTime(after, origin), fireTime);
        if (next is { } n && n <= fireTime)
        {
            throw new TriggerFaultException(
                $"its trigger {Trigger} answered {n:O} as the fire time after {fireTime:O}; a trigger must move forward");
        }

        return next?.ToUniversalTime();
    }

    /// <summary>The first fire time at or after <paramref name="instant"/>, or <see langword="null"/>.</summary>
    public DateTimeOffset? FirstAtOrAfter(DateTimeOffset instant) =>
        instant.UtcTicks == 0 ? Next(instant) : NextAfterInstant(instant.AddTicks(-1));

    /// <summary>The first fire time strictly after <paramref name="instant"/>, which need not be a fire time.</summary>
    public DateTimeOffset? NextAfterInstant(DateTimeOffset instant) =>
        Ask(static (t, after, origin) => t.GetNextFireTime(after, origin), instant)?.ToUniversalTime();

    /// <summary>The latest fire time in <c>[<paramref name="due"/>, <paramref name="now"/>]</c>, <paramref name="due"/> being one.</summary>
    public DateTimeOffset Latest(DateTimeOffset due, DateTimeOffset now)
    {
        if (IntervalTicks != 0)
        {
            long limit = Math.Min(now.UtcTicks, _endTicks);
            return limit <= due.UtcTicks
                ? due
                : new DateTimeOffset(due.UtcTicks + ((limit - due.UtcTicks) / IntervalTicks * IntervalTicks), TimeSpan.Zero);
        }

        var latest = Ask(static (t, d, origin) => (DateTimeOffset?)t.GetLatestFireTime(d.Due, d.Now, origin), (Due: due, Now: now));
        return latest is { } l && l >= due && l <= now ? l.ToUniversalTime() : due;
    }

    /// <summary>The first fire time when the job is put on the schedule at <paramref name="now"/>.</summary>
    public DateTimeOffset? First(DateTimeOffset now) =>
        Ask(static (t, n, origin) => t.GetFirstFireTime(n, origin), now)?.ToUniversalTime();

    /// <summary>Calls the trigger, turning anything it throws into a <see cref="TriggerFaultException"/>.</summary>
    private TResult Ask<TArg, TResult>(Func<JobTrigger, TArg, DateTimeOffset, TResult> question, TArg argument)
    {
        try
        {
            return question(Trigger, argument, Origin);
        }
#pragma warning disable CA1031 // A trigger is user code: whatever it throws stops that job, never the scheduler.
        catch (Exception e) when (e is not TriggerFaultException)
#pragma warning restore CA1031
        {
            throw new TriggerFaultException($"its trigger {JobDisplay.TriggerText(Trigger)} threw {e.GetType().Name}: {e.Message}", e);
        }
    }
}

/// <summary>A job's trigger threw or did not move forward. Caught by the scheduler: that job is paused and reported.</summary>
internal sealed class TriggerFaultException : Exception
{
    public TriggerFaultException()
    {
    }

    public TriggerFaultException(string message)
        : base(message)
    {
    }

    public TriggerFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
