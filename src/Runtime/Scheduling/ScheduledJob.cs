using System;
using System.Threading;

namespace GenScheduler;

/// <summary>A job as one scheduler holds it: the definition plus this scheduler's state for it.</summary>
internal sealed class ScheduledJob
{
    private int _running;

    public ScheduledJob(JobDefinition definition, int slot)
    {
        Definition = definition;
        Slot = slot;
        Grace = definition.Options.MisfireGraceTime is { } grace ? grace.Ticks : long.MaxValue;
    }

    public JobDefinition Definition { get; }

    public int Slot { get; }

    public string Id => Definition.Id;

    /// <summary>When the job was put on the schedule: interval grids without a start are laid from here.</summary>
    public DateTimeOffset Origin { get; set; }

    /// <summary>The misfire grace time in ticks; <see cref="long.MaxValue"/> for no limit.</summary>
    public long Grace { get; }

    public int Running => Volatile.Read(ref _running);

    public void RunStarted() => Interlocked.Increment(ref _running);

    public void RunEnded() => Interlocked.Decrement(ref _running);
}
