using System;
using System.Threading;

namespace GenScheduler;

/// <summary>A job as one scheduler holds it: the definition plus this scheduler's state for it. Guarded by the scheduler's lock, except the running count.</summary>
internal sealed class ScheduledJob
{
    private JobDefinition _definition;
    private int _running;

    public ScheduledJob(JobDefinition definition, int slot)
    {
        _definition = definition;
        Slot = slot;
        Grace = GraceOf(definition);
    }

    /// <summary>The definition; replaced, never mutated, when the job is rescheduled or modified.</summary>
    public JobDefinition Definition
    {
        get => _definition;
        set
        {
            _definition = value;
            Grace = GraceOf(value);
        }
    }

    public int Slot { get; }

    public string Id => _definition.Id;

    /// <summary>When the job was put on the schedule: interval grids without a start are laid from here.</summary>
    public DateTimeOffset Origin { get; set; }

    /// <summary>The pending run's time on the trigger's own schedule, before jitter; the next one is computed from this, so jitter never accumulates.</summary>
    public DateTimeOffset? Grid { get; set; }

    /// <summary>The misfire grace time in ticks; <see cref="long.MaxValue"/> for no limit.</summary>
    public long Grace { get; private set; }

    public bool Paused { get; set; }

    public int Running => Volatile.Read(ref _running);

    public void RunStarted() => Interlocked.Increment(ref _running);

    public void RunEnded() => Interlocked.Decrement(ref _running);

    private static long GraceOf(JobDefinition definition) =>
        definition.Options.MisfireGraceTime is { } grace ? grace.Ticks : long.MaxValue;
}
