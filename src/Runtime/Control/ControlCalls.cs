using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace GenScheduler;

/// <summary>
/// What every control call shares: the parts it changes under the scheduler's lock, the check that a trigger will
/// fire, and how a change of a stored job reaches the store (marked in the same hold of the lock, written after it).
/// </summary>
internal abstract class ControlCalls
{
#pragma warning disable SA1401, CA1051 // The control calls are this type's own subclasses; the parts are theirs to use.
    protected readonly Lock _gate;
    protected readonly JobRegistry _registry;
    protected readonly RunPlanner _planner;
    protected readonly FiringLoop _loop;
    protected readonly RunExecutor _executor;
    protected readonly SchedulerLifecycle _lifecycle;
    protected readonly StoreLink? _store;
#pragma warning restore SA1401, CA1051

    protected ControlCalls(ControlParts parts) =>
        (_gate, _registry, _planner, _loop, _executor, _lifecycle, _store) = parts;

    protected SchedulerObserver Observer => _executor.Observer;

    /// <summary>
    /// Asks the trigger for its first fire time before anything is registered: one that throws, or that has none (an
    /// end in the past, a cron date that never comes, an interval longer than the calendar), is refused with the job's name.
    /// </summary>
    /// <exception cref="ArgumentException">The job would never run.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static void EnsureRuns(string id, JobTrigger trigger, DateTimeOffset now)
    {
        // An interval with a run to come, most run-time jobs, answers by arithmetic: a batch of a million asks it a
        // million times, from one loop that the runtime optimises while it runs. Inlined there, or each job would call
        // this method's unoptimised first version for most of the batch (a method is recompiled after 30 calls, in the
        // background, with a delay).
        if (trigger is IntervalTrigger interval && interval.FirstFireTicks(now.UtcTicks) != IntervalTrigger.NoInstant)
        {
            return;
        }

        EnsureRunsAsked(id, trigger, now);
    }

    private static void EnsureRunsAsked(string id, JobTrigger trigger, DateTimeOffset now)
    {
        DateTimeOffset? first;
        try
        {
            first = new FireTimes(trigger, now).First(now);
        }
        catch (TriggerFaultException e)
        {
            throw new ArgumentException($"Job \"{id}\" cannot be scheduled: {e.Message}.", nameof(trigger), e.InnerException ?? e);
        }

        if (first is null)
        {
            throw new ArgumentException(
                $"Job \"{id}\" would never run: its trigger {JobDisplay.TriggerText(trigger)} has no fire time after {now:O} " +
                "(an End in the past, a date that never comes, or an interval longer than the calendar). Give it a trigger that fires.",
                nameof(trigger));
        }
    }

    /// <summary>Marks a stored job changed. Under the lock, in the same hold as the change, so no resync can undo it before it is written.</summary>
    protected void MarkChanged(ScheduledJob job) => _store?.Writes.MarkChanged(job);

    /// <summary>Writes what was marked (or leaves it for the start). Outside the lock.</summary>
    protected void WriteMarked(ScheduledJob job)
    {
        if (job.Stored)
        {
            _store!.Writes.WriteMarked();
        }
    }
}
