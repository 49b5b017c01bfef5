using System;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// A job as one scheduler holds it: the definition plus this scheduler's state for it. Guarded by the scheduler's
/// lock, except the running count.
/// </summary>
/// <remarks>
/// What the firing path reads is copied here from the definition, its options and its trigger, and instants are kept
/// as UTC ticks. With a million jobs coming due in no particular order every object touched per fire is a cache
/// miss, so one object instead of four is most of the cost of a fire.
/// </remarks>
internal sealed class ScheduledJob
{
    private const long NoGrid = long.MinValue;
    private static readonly long MaxTicks = DateTimeOffset.MaxValue.UtcTicks;

    private JobDefinition _definition = null!;
    private long _originTicks;
    private long _gridTicks = NoGrid;
    private long _intervalTicks;
    private long _endTicks;
    private int _running;

    public ScheduledJob(JobDefinition definition, int slot)
    {
        Slot = slot;
        Definition = definition;
    }

    /// <summary>The definition; replaced, never mutated, when the job is rescheduled or modified.</summary>
    public JobDefinition Definition
    {
        get => _definition;
        set
        {
            _definition = value;
            Trigger = value.Trigger;
            Invoker = value.Invoker;
            var options = value.Options;
            Timeout = options.Timeout;
            Grace = options.MisfireGraceTime is { } grace ? grace.Ticks : long.MaxValue;
            MaxInstances = options.MaxInstances;
            Coalesce = options.Coalesce;
            JitterTicks = options.Jitter.Ticks;
            (_intervalTicks, _endTicks) = value.Trigger is IntervalTrigger interval
                ? (interval.Interval.Ticks, interval.End?.UtcTicks ?? MaxTicks)
                : (0, MaxTicks);
        }
    }

    public JobTrigger Trigger { get; private set; } = null!;

    public JobInvoker Invoker { get; private set; } = null!;

    public TimeSpan? Timeout { get; private set; }

    public int Slot { get; }

    public string Id => _definition.Id;

    /// <summary>When the job was put on the schedule: interval grids without a start are laid from here.</summary>
    public DateTimeOffset Origin
    {
        get => new(_originTicks, TimeSpan.Zero);
        set => _originTicks = value.UtcTicks;
    }

    /// <summary>The pending run's time on the trigger's own schedule, before jitter; the next one is computed from this, so jitter never accumulates.</summary>
    public DateTimeOffset? Grid
    {
        get => _gridTicks == NoGrid ? null : new DateTimeOffset(_gridTicks, TimeSpan.Zero);
        set => _gridTicks = value is { } grid ? grid.UtcTicks : NoGrid;
    }

    /// <summary>The misfire grace time in ticks; <see cref="long.MaxValue"/> for no limit.</summary>
    public long Grace { get; private set; }

    public int MaxInstances { get; private set; }

    public bool Coalesce { get; private set; }

    public long JitterTicks { get; private set; }

    public bool Paused { get; set; }

    public int Running => Volatile.Read(ref _running);

    public void RunStarted() => Interlocked.Increment(ref _running);

    public void RunEnded() => Interlocked.Decrement(ref _running);

    /// <summary>The trigger's next fire time after <paramref name="fireTime"/>, which must be one of its fire times.</summary>
    /// <remarks>
    /// For an interval that is one interval on, computed here without touching the trigger object; it agrees with
    /// <see cref="IntervalTrigger.GetNextFireTime"/> because <paramref name="fireTime"/> is on the grid.
    /// </remarks>
    public DateTimeOffset? NextAfter(DateTimeOffset fireTime)
    {
        if (_intervalTicks == 0)
        {
            return Trigger.GetNextFireTime(fireTime, Origin);
        }

        long next = fireTime.UtcTicks + _intervalTicks;
        return next <= _endTicks && next > fireTime.UtcTicks ? new DateTimeOffset(next, TimeSpan.Zero) : null;
    }
}
