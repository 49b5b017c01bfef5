using System;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// A job as one scheduler holds it: the definition plus this scheduler's state for it. Guarded by the scheduler's
/// lock, except the running count and <see cref="NextDueTicks"/>, which run threads read without it.
/// </summary>
/// <remarks>
/// What the firing path reads is copied here from the definition, its options and its trigger, and instants are kept
/// as UTC ticks. With a million jobs coming due in no particular order every object touched per fire is a cache
/// miss, so one object instead of four is most of the cost of a fire.
/// </remarks>
internal sealed class ScheduledJob
{
    /// <summary>The value of <see cref="NextDueTicks"/> and of the grid when there is none.</summary>
    public const long None = long.MinValue;

    private JobDefinition _definition = null!;
    private long _timeoutTicks;
    private long _gridTicks = None;
    private long _nextDueTicks = None;
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
            Invoker = value.Invoker;
            var options = value.Options;
            _timeoutTicks = options.Timeout?.Ticks ?? 0;
            Grace = options.MisfireGraceTime is { } grace ? grace.Ticks : long.MaxValue;
            MaxInstances = options.MaxInstances;
            Coalesce = options.Coalesce;
            JitterTicks = options.Jitter.Ticks;
            Executor = options.Executor;
            FireTimes = new FireTimes(value.Trigger, Origin);
        }
    }

    public JobTrigger Trigger => _definition.Trigger;

    /// <summary>The trigger with this job's origin: what the firing path steps through.</summary>
    public FireTimes FireTimes { get; private set; }

    public JobInvoker Invoker { get; private set; } = null!;

    /// <summary>The run timeout; kept as ticks (0 for none, since a timeout is positive) to keep the object small.</summary>
    public TimeSpan? Timeout => _timeoutTicks == 0 ? null : TimeSpan.FromTicks(_timeoutTicks);

    public JobExecutor Executor { get; private set; }

    public int Slot { get; }

    public string Id => _definition.Id;

    /// <summary>Whether the job is in its scheduler's registry; false once removed, so a late report never names another job's slot.</summary>
    public bool Registered { get; set; }

    /// <summary>When the job was put on the schedule: interval grids without a start are laid from here.</summary>
    /// <remarks>Kept in <see cref="FireTimes"/> only, which needs it anyway: one copy fewer per job.</remarks>
    public DateTimeOffset Origin
    {
        get => FireTimes.Origin;
        set => FireTimes = new FireTimes(_definition.Trigger, value);
    }

    /// <summary>The pending run's time on the trigger's own schedule, before jitter; the next one is computed from this, so jitter never accumulates.</summary>
    public DateTimeOffset? Grid
    {
        get => _gridTicks == None ? null : new DateTimeOffset(_gridTicks, TimeSpan.Zero);
        set => _gridTicks = value is { } grid ? grid.UtcTicks : None;
    }

    /// <summary>
    /// The instant the job is due at in the timer heap (after jitter), or <see cref="None"/>. Written under the lock with
    /// the heap; read without it by log lines that print the job, for which a value a moment old is good enough.
    /// </summary>
    public long NextDueTicks
    {
        get => Volatile.Read(ref _nextDueTicks);
        set => Volatile.Write(ref _nextDueTicks, value);
    }

    /// <summary>The misfire grace time in ticks; <see cref="long.MaxValue"/> for no limit.</summary>
    public long Grace { get; private set; }

    public int MaxInstances { get; private set; }

    public bool Coalesce { get; private set; }

    public long JitterTicks { get; private set; }

    public bool Paused { get; set; }

    /// <summary>Whether a job store keeps this job, so its fires are refereed by the store and its changes written to it.</summary>
    public bool Stored { get; set; }

    public int Running => Volatile.Read(ref _running);

    public void RunStarted() => Interlocked.Increment(ref _running);

    public void RunEnded() => Interlocked.Decrement(ref _running);

    /// <summary>Moves the job's grid and origin by <paramref name="ticks"/>: an interval job keeping elapsed time across a clock step.</summary>
    public void Shift(long ticks)
    {
        if (_gridTicks != None)
        {
            _gridTicks += ticks;
        }

        Origin = new DateTimeOffset(Origin.UtcTicks + ticks, TimeSpan.Zero);
    }
}
